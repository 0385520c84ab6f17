"""CSV files for people to open in a spreadsheet: the one writer every export of Loket uses.

Written for Excel as Belgian desks set it up: cells separated by a semicolon, numbers with a decimal comma, UTF-8
with a byte-order mark (without it Excel reads the file as Windows-1252 and breaks every accented name), lines ended
by CR LF as RFC 4180 says.

Every text cell that a spreadsheet could take for a formula is neutralised (OWASP, "CSV Injection"): a cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms, which some spreadsheets read
alike) gets a leading apostrophe, so a location called `=HYPERLINK("http://…")` is shown as text, never run.
Separators, quotes and line breaks inside a cell are quoted by the csv module, so a cell cannot spill into the next.
Numbers are written as numbers: a count of -3 is a number, a name "-3" is text and is neutralised.
"""

import csv
import io
import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse

SEPARATOR = ";"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
CONTENT_TYPE = "text/csv; charset=utf-8"


def neutralise(text: str) -> str:
    """The text as a spreadsheet shows it, never as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _number(value: float | Decimal) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    text = f"{value:.10f}".rstrip("0").rstrip(".") if isinstance(value, float) else format(value, "f")
    return ("0" if text in ("", "-0") else text).replace(".", ",")


def cell(value) -> str:
    """One cell: numbers with a decimal comma, dates as ISO 8601 (2026-03-01), nothing for None, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return _number(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def csv_text(rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return BOM + buffer.getvalue()


def csv_bytes(rows: Iterable[Sequence]) -> bytes:
    """The file: a header row and data rows in, UTF-8 bytes with a BOM out."""
    return csv_text(rows).encode("utf-8")


def csv_response(rows: Iterable[Sequence], *, filename: str) -> HttpResponse:
    """A download of `rows` named `filename` (ASCII: the name is ours, never a person's)."""
    response = HttpResponse(csv_bytes(rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
