"""Reading CSV files that people upload: UTF-8 (with or without a byte-order mark) or the Windows-1252 that Excel
writes in Belgium, separated by semicolons (Excel's Belgian default) or commas. One reader for every import."""

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024


def decode_upload(upload) -> str:
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB. Split it into smaller files."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not text. Save it as CSV (UTF-8) and try again."))


def read_rows(text: str, *, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-empty line after the header, with the header names lower-cased and stripped.
    A missing required column is one clear error for the whole file."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ValidationError(_("The file is empty."))
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader)]
    missing = [name for name in required if name not in header]
    if missing:
        raise ValidationError(
            _("The first line must name the columns; these are missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        row = {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)}
        rows.append((reader.line_num, row))
    return rows
