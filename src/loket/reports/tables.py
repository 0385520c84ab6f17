"""Tables: the one shape every figure takes, on screen, behind each chart, and in every export.

A table knows what each column holds (a count of people, a number of places, a share, days), which of its counts
add up (the rows to the totals row, or columns within a row), and how its derived columns are computed. So the
disclosure control (`disclosure.publish`) can decide per column kind, once, and can check the sums a reader could
subtract; and the same table feeds HTML, CSV, XLSX, the PDF and the API.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

# Column kinds. COUNT counts people (children, families, requests) and is disclosure-controlled; PLACES counts
# childcare places (public: the agency publishes every location's licensed capacity) and is shown as it is.
TEXT, COUNT, PLACES, SHARE, RATIO, DAYS = "text", "count", "places", "share", "ratio", "days"
TOTAL = "total"  # the id of the totals row


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = COUNT
    # DAYS: hidden when one of these counts is not published as a number (a waiting time of fewer than five).
    basis: tuple[str, ...] = ()
    # Derived columns (shares, ratios, counts computed from counts): f(row, totals) -> value. Computed from the
    # true counts, and again from the published counts when the table is published, so a derived figure never
    # tells more than the counts beside it.
    derive: Callable | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[dict, ...]
    note: str = ""
    totals: dict | None = None
    # True once `disclosure.publish` has controlled it: small counts "<5", others rounded, some hidden.
    published: bool = False
    # COUNT columns whose totals-row value is the sum of the rows.
    sums_down: tuple[str, ...] = ()
    # Within each row (and the totals row): (column, (parts…)) where the column is the sum of the parts.
    row_sums: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Rows whose first column is free text (a reason a family typed): when published, rows counting fewer than
    # five are merged into one row with this label, because their text could name a family.
    merge_small_rows: str = ""

    def __post_init__(self):
        if not self.published and any(c.derive for c in self.columns):
            object.__setattr__(self, "rows", tuple(self.derived(row) for row in self.rows))
            if self.totals is not None:
                object.__setattr__(self, "totals", self.derived(self.totals))

    def derived(self, row: dict) -> dict:
        out = dict(row)
        for column in self.columns:
            if column.derive is not None:
                out[column.key] = column.derive(out, self.totals or {})
        return out

    def row_id(self, index: int, row: dict):
        return row.get("id", index)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def cells(self, row: dict) -> list[tuple[Column, object]]:
        return [(column, row.get(column.key)) for column in self.columns]

    def display_rows(self) -> list[list[tuple[Column, str]]]:
        return [[(c, format_cell(c, row.get(c.key))) for c in self.columns] for row in self.rows]

    def display_totals(self) -> list[tuple[Column, str]] | None:
        if not self.totals:
            return None
        return [(c, format_cell(c, self.totals.get(c.key))) for c in self.columns]

    def page(self, number: int, size: int) -> "Table":
        """Rows `size` at a time (1-based `number`); the totals stay, they are the whole table's."""
        start = (number - 1) * size
        return replace(self, rows=self.rows[start : start + size])


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


def numeric(*values) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def share(part, whole):
    """part / whole, or None when either is missing or not a number (a published "<5") or the whole is 0."""
    return part / whole if numeric(part, whole) and whole else None


def ratio(a, b):
    return a / b if numeric(a, b) and b else None


def share_of(part: str, whole: str, *, of_totals: bool = False) -> Callable:
    """A derived share column: row[part] / row[whole] (or / totals[whole] with `of_totals`)."""

    def derive(row, totals):
        return share(row.get(part), (totals if of_totals else row).get(whole))

    return derive


def ratio_of_shares(numerator: Callable, denominator: Callable) -> Callable:
    def derive(row, totals):
        return ratio(numerator(row, totals), denominator(row, totals))

    return derive
