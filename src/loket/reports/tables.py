"""Tables: the one shape every figure takes, on screen, behind each chart, and in every export.

A table knows what each column holds, so suppression (see `suppression`) and formatting are decided per column
kind, once, and the same table feeds HTML, CSV, XLSX and the PDF.
"""

from dataclasses import dataclass, field, replace

from .suppression import HIDDEN, is_suppressed, suppress_count

TEXT, COUNT, SHARE, RATIO, DAYS = "text", "count", "share", "ratio", "days"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = COUNT
    # For shares and ratios: the count columns they are computed from; hidden when any of them is suppressed.
    basis: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[dict, ...]
    note: str = ""
    is_suppressed: bool = False
    totals: dict | None = field(default=None)
    # Rows whose first column is free text (a reason a family typed): when suppressed, rows counting fewer than
    # the threshold are merged into one row with this label, because their text could name a family.
    merge_small_rows: str = ""

    def suppressed(self) -> "Table":
        """The same table with every small count shown as "<5" and every figure derived from one hidden."""
        if self.is_suppressed:
            return self
        rows = self.rows
        if self.merge_small_rows:
            rows = _merge_small_rows(self.columns, rows, self.merge_small_rows)
        return replace(
            self,
            rows=tuple(_suppress_row(self.columns, row) for row in rows),
            totals=_suppress_row(self.columns, self.totals) if self.totals else None,
            is_suppressed=True,
        )

    def cells(self, row: dict) -> list[tuple[Column, object]]:
        return [(column, row.get(column.key)) for column in self.columns]

    def display_rows(self) -> list[list[tuple[Column, str]]]:
        return [[(c, format_cell(c, row.get(c.key))) for c in self.columns] for row in self.rows]

    def display_totals(self) -> list[tuple[Column, str]] | None:
        if not self.totals:
            return None
        return [(c, format_cell(c, self.totals.get(c.key))) for c in self.columns]


def _merge_small_rows(columns, rows, label: str) -> tuple[dict, ...]:
    first, counts = columns[0].key, [c.key for c in columns if c.kind == COUNT]
    large = [row for row in rows if not is_suppressed(row.get(counts[0]))]
    small = [row for row in rows if is_suppressed(row.get(counts[0]))]
    if not small:
        return tuple(rows)
    merged = {first: label, **{key: sum(row.get(key) or 0 for row in small) for key in counts}}
    return (*large, merged)


def _suppress_row(columns, row: dict) -> dict:
    out = dict(row)
    for column in columns:
        if column.kind == COUNT:
            out[column.key] = suppress_count(row.get(column.key))
        elif column.kind in (SHARE, RATIO, DAYS) and any(is_suppressed(row.get(b)) for b in column.basis):
            out[column.key] = HIDDEN
    return out


def format_cell(column: Column, value) -> str:
    """How a value reads on screen and in the PDF (CSV and XLSX keep raw numbers)."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if column.kind == SHARE:
        return f"{value * 100:.1f} %".replace(".", ",")
    if column.kind == RATIO:
        return f"{value:.2f}".replace(".", ",")
    if column.kind == DAYS:
        return f"{value:.0f}"
    return str(value)


def share(part, whole):
    return part / whole if whole else None


def ratio(a, b):
    return a / b if a is not None and b else None
