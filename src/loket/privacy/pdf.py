"""A readable PDF of a family's data export (reportlab: pure Python, no system libraries)."""

import io
from datetime import date, datetime

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime | date):
        return formats.date_format(
            value, "SHORT_DATETIME_FORMAT" if isinstance(value, datetime) else "SHORT_DATE_FORMAT"
        )
    return str(value)


def export_pdf(*, sections: dict, title: str) -> bytes:
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=18 * mm, rightMargin=18 * mm)
    story = [
        Paragraph(title, styles["Title"]),
        Paragraph(_("Everything Loket holds about your family."), styles["Normal"]),
    ]
    for heading, rows in sections.items():
        story += [Spacer(1, 6 * mm), Paragraph(str(heading), styles["Heading2"])]
        if not rows:
            story.append(Paragraph(_("Nothing."), styles["Normal"]))
            continue
        for row in rows:
            data = [
                [Paragraph(str(k), styles["Normal"]), Paragraph(_text(v), styles["Normal"])]
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
