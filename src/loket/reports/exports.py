"""Tables out of the desk: CSV, XLSX and the council's yearly PDF. Only published tables are written (see
`disclosure.publish`: small numbers as "<5", the rest rounded, complementary cells hidden); the views audit every
export. CSV goes through the one CSV writer of Loket (`loket.core.csvfile`: semicolons, decimal comma, BOM, formula
cells neutralised)."""

import io
from datetime import date
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from loket.core import charts
from loket.core.csvfile import csv_bytes

from .disclosure import EXPLANATION
from .figures import chart_for
from .tables import COUNT, DAYS, RATIO, SHARE, Table, format_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _raw(column, value):
    if isinstance(value, float) and column.kind == DAYS:
        return round(value, 1)
    if isinstance(value, float):
        return round(value, 4)
    return "" if value is None else value


def _published(table: Table) -> Table:
    if not table.published:
        raise ValueError(f"table {table.key} is not published: publish its report before it leaves the desk")
    return table


def table_csv(table: Table) -> bytes:
    table = _published(table)
    rows = [[c.label for c in table.columns]]
    for row in (*table.rows, *([table.totals] if table.totals else [])):
        rows.append([_raw(c, row.get(c.key)) for c in table.columns])
    return csv_bytes(rows)


def tables_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table (XlsxWriter: pure Python, write-only, well kept; pinned in pyproject.toml)."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    title_format = workbook.add_format({"bold": True, "font_size": 13})
    header_format = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    number_formats = {
        SHARE: workbook.add_format({"num_format": "0.0%"}),
        RATIO: workbook.add_format({"num_format": "0.00"}),
        DAYS: workbook.add_format({"num_format": "0"}),
    }
    for table in tables:
        table = _published(table)
        sheet = workbook.add_worksheet(table.key[:31])
        sheet.write_string(0, 0, table.title, title_format)
        for col, column in enumerate(table.columns):
            sheet.write_string(1, col, column.label, header_format)
            width = 14 if column.kind == COUNT else max(12, min(50, len(column.label) + 2))
            sheet.set_column(col, col, width)
        row_index = 2
        for row in (*table.rows, *([table.totals] if table.totals else [])):
            for col, column in enumerate(table.columns):
                value = _raw(column, row.get(column.key))
                if isinstance(value, bool) or not isinstance(value, int | float):
                    sheet.write_string(row_index, col, str(value))
                else:
                    sheet.write_number(row_index, col, value, number_formats.get(column.kind))
            row_index += 1
        if table.note:
            sheet.write_string(row_index + 1, 0, table.note)
    workbook.close()
    return buffer.getvalue()


def yearly_pdf(*, title: str, subtitle: str, year: int, key_figures: Table, sections: list[Table]) -> bytes:
    """The yearly report for the municipal council: cover, key figures, charts with their tables, method."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RlTable

    styles = getSampleStyleSheet()
    for name in ("Heading1", "Heading2"):
        styles[name].keepWithNext = 1  # never a heading alone at the foot of a page
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Loket",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
    )
    width = A4[0] - 36 * mm

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(18 * mm, 10 * mm, f"{title} · {year}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, _("Page %(n)s") % {"n": document.page})
        canvas.restoreState()

    def rl_table(table: Table):
        table = _published(table)
        header = [Paragraph(f"<b>{escape(c.label)}</b>", small) for c in table.columns]
        body = [
            [Paragraph(escape(format_cell(c, v)), small) for c, v in table.cells(row)] for row in table.rows
        ]
        if table.totals:
            body.append(
                [
                    Paragraph(f"<b>{escape(format_cell(c, table.totals.get(c.key)))}</b>", small)
                    for c in table.columns
                ]
            )
        if not body:
            return Paragraph(_("No figures for this period."), styles["BodyText"])
        t = RlTable(
            [header, *body],
            repeatRows=1,
            hAlign="LEFT",
            colWidths=_column_widths(len(table.columns), width),
        )
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    story = [
        Spacer(1, 60 * mm),
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(subtitle), styles["Heading2"]),
        Spacer(1, 10 * mm),
        Paragraph(
            _(
                "Yearly report on childcare supply and demand for the municipal council, calendar year %(year)s."
            )
            % {"year": year},
            styles["BodyText"],
        ),
        Paragraph(
            _("Made on %(date)s by Loket.")
            % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
            styles["BodyText"],
        ),
        Paragraph(escape(str(EXPLANATION)), styles["BodyText"]),
        PageBreak(),
        Paragraph(_("Key figures"), styles["Heading1"]),
        rl_table(key_figures),
    ]
    for table in sections:
        parts = [Spacer(1, 6 * mm), Paragraph(escape(table.title), styles["Heading2"])]
        chart = chart_for(_published(table))
        if chart is not None:
            parts.append(charts.to_drawing(chart, width=width))
        story.append(KeepTogether(parts))
        story.append(rl_table(table))
        if table.note:
            story.append(Paragraph(escape(table.note), small))
    story += [
        PageBreak(),
        Paragraph(_("Method"), styles["Heading1"]),
        *[
            Paragraph(escape(text), styles["BodyText"])
            for text in (
                _(
                    "Requests are those registered with the desk in the calendar year; their status is the status "
                    "on the day the report was made. A family's area is the municipality and neighbourhood of its "
                    "postcode."
                ),
                _(
                    "Unmet demand: requests still without a place after the start month the family asked for. "
                    "Waiting times are counted in whole days from the registration to the first offer and to the "
                    "placement, from the history of each request; the median and the 90th percentile are shown."
                ),
                _(
                    "Fair access compares the share of a group among applicants with its share among the families "
                    "who got an offer or a place. A ratio below 1 means the group is served less than its share. "
                    "Vulnerable families are those meeting at least two of the five Flemish criteria, one of them "
                    "low income, a health or care situation, or no diploma."
                ),
                _(
                    "Agency figures count one unique child per calendar year; expired requests are left out; a "
                    "child registered at several desks is counted once."
                ),
                _(
                    "Numbers of people are rounded to a multiple of 5 (totals too), so that no number can be "
                    "worked out by subtracting others; 1 to 4 is shown as “<5”. Where the sums of a table could "
                    "still give a small number away, another number of the same sum is hidden (“x”). Shares are "
                    "computed from the rounded numbers. Numbers of places are exact."
                ),
            )
        ],
    ]
    doc.build(story, onFirstPage=lambda c, d: None, onLaterPages=footer)
    return buffer.getvalue()


def _column_widths(n: int, width: float) -> list[float]:
    """The first column (a name or a label) gets more room than the figures after it."""
    if n <= 2:
        return [width * 0.6, width * 0.4][:n] if n == 2 else [width]
    first = width * 0.28
    return [first] + [(width - first) / (n - 1)] * (n - 1)


def export_filename(key: str, extension: str, *, on: date | None = None) -> str:
    on = on or timezone.localdate()
    return f"loket-{key.replace('_', '-')}-{on.isoformat()}.{extension}"
