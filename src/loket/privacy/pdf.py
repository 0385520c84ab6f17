"""A readable PDF of a family's data export (reportlab: pure Python, no system libraries)."""

import io
import re
from datetime import date, datetime
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

# Control characters (other than tab and newline) have no place in a document and upset the PDF's text objects.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def markup(text) -> str:
    """Plain text as reportlab Paragraph markup: what a family typed is text, never markup (`<b`, `&` and an unclosed
    tag would otherwise end the download with an error)."""
    return escape(CONTROL.sub("", str(text))).replace("\n", "<br/>")


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime | date):
        return formats.date_format(
            value, "SHORT_DATETIME_FORMAT" if isinstance(value, datetime) else "SHORT_DATE_FORMAT"
        )
    return markup(value)


def export_pdf(*, sections: dict, title: str) -> bytes:
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=18 * mm, rightMargin=18 * mm)
    story = [
        Paragraph(markup(title), styles["Title"]),
        Paragraph(markup(_("Everything Loket holds about your family.")), styles["Normal"]),
    ]
    for heading, rows in sections.items():
        story += [Spacer(1, 6 * mm), Paragraph(markup(heading), styles["Heading2"])]
        if not rows:
            story.append(Paragraph(markup(_("Nothing.")), styles["Normal"]))
            continue
        for row in rows:
            data = [
                [Paragraph(markup(k), styles["Normal"]), Paragraph(_text(v), styles["Normal"])]
                for k, v in row.items()
            ]
            table = Table(data, colWidths=[55 * mm, 115 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                        ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [table, Spacer(1, 3 * mm)]
    doc.build(story)
    return buffer.getvalue()
