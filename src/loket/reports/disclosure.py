"""Disclosure control: the one rule for every figure that leaves the desk (pages of the regional agency, CSV,
XLSX, the council's PDF and the API). The method, and why, is in
docs/trust.md ("Figures that leave a desk").

1. A count of people from 1 to 4 is published as "<5"; 0 is published (it names no one).
2. Every other count of people is rounded to a multiple of 5 (5 to 7 -> 5, 8 to 12 -> 10, …), totals included.
   So no published number is exact, and subtracting published numbers (a total minus the other rows, the region
   minus the other desks, one table's sum against another's) gives a range, never a small count.
3. Rounding alone can still pin a small count in rare cases: a "<5" whose row and total sit at the edges of
   their ranges (a total of 23 shown as 25 = 4 + 7 + 12, shown as "<5", 5 and 10, leaves only 4 for the "<5").
   An audit therefore attacks every published report as a reader could: it takes every sum the report states
   (rows to totals, columns within a row, and the links between its tables) and narrows each cell's range by
   subtraction until nothing changes. Where a count of 1 to 4 would be pinned to one value, a complementary cell
   of the same sum is hidden ("x", read as "any number from 0 up") and the audit runs again.
4. Shares and ratios are computed from the published counts (hidden, "·", when one of them is not a number);
   waiting days are hidden when the count behind them is.

Counts of places (licensed capacity, free places) are not about people and are shown as they are.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from .tables import COUNT, PLACES, TOTAL, Table, numeric

THRESHOLD = 5
BASE = 5
SMALL = f"<{THRESHOLD}"
HIDDEN_COUNT = "x"  # a count hidden so that a small count elsewhere cannot be worked out
HIDDEN = "·"  # a share, ratio or waiting time that would tell more than the published counts
INFINITY = float("inf")

EXPLANATION = _(
    "Numbers of people are rounded to a multiple of 5; 1 to 4 is shown as “<5”; “x” is hidden so that a "
    "small number cannot be worked out; “·” is a share of hidden numbers."
)


def publish_count(count):
    """The value to publish for a true count of people: 0, "<5" or the count rounded to a multiple of 5."""
    if not isinstance(count, int) or isinstance(count, bool):
        return count
    if count == 0:
        return 0
    if 0 < count < THRESHOLD:
        return SMALL
    return max(THRESHOLD, BASE * ((count + BASE // 2) // BASE))


def published_range(value) -> tuple[float, float]:
    """What a reader knows of the true count from its published value alone."""
    if value == 0:
        return 0, 0
    if value == SMALL:
        return 1, THRESHOLD - 1
    if value == HIDDEN_COUNT or not isinstance(value, int):
        return 0, INFINITY
    low = THRESHOLD if value == THRESHOLD else value - BASE // 2
    return low, value + BASE // 2


Ref = tuple  # (table key, row id, column key)


@dataclass(frozen=True)
class Sum:
    """A sum a reader of the report knows: `total` is `parts` added up (cells may sit in different tables)."""

    total: Ref
    parts: tuple[Ref, ...]


def same(*refs: Ref) -> list[Sum]:
    """The same figure in several tables of a report: each equals the first."""
    return [Sum(refs[0], (ref,)) for ref in refs[1:]]


def rollup(child: str, parent: str, columns: Iterable[str], parent_of: dict) -> list[Sum]:
    """A parent table's rows are sums of a child table's rows (municipality = its neighbourhoods, a tariff =
    its locations). `parent_of` maps a child row id to its parent row id."""
    members: dict = {}
    for child_id, parent_id in parent_of.items():
        members.setdefault(parent_id, []).append(child_id)
    return [
        Sum((parent, parent_id, column), tuple((child, c, column) for c in children))
        for column in columns
        for parent_id, children in members.items()
    ]


def _merge_small_rows(table: Table) -> Table:
    if not table.merge_small_rows:
        return table
    counts = [c.key for c in table.columns if c.kind == COUNT]
    first = table.columns[0].key
    large = [
        r for r in table.rows if not (0 < (r.get(counts[0]) or 0) < THRESHOLD) and r.get("id") != "other"
    ]
    small = [r for r in table.rows if r not in large]
    if not small:
        return table
    merged = {
        "id": "other",
        first: table.merge_small_rows,
        **{k: sum(r.get(k) or 0 for r in small) for k in counts},
    }
    return replace(table, rows=(*large, table.derived(merged)))


def _sums(table: Table) -> list[Sum]:
    k = table.key
    out = []
    if table.totals is not None:
        for column in table.sums_down:
            parts = tuple((k, table.row_id(i, row), column) for i, row in enumerate(table.rows))
            out.append(Sum((k, TOTAL, column), parts))
    rows = [(table.row_id(i, row), row) for i, row in enumerate(table.rows)]
    if table.totals is not None:
        rows.append((TOTAL, table.totals))
    for row_id, _row in rows:
        for column, parts in table.row_sums:
            out.append(Sum((k, row_id, column), tuple((k, row_id, p) for p in parts)))
    return out


def _counts(table: Table) -> dict[Ref, int]:
    """The true counts of people in a table (derived columns are computed again from them; a row marked as
    places, like the key figures' licensed places, is not about people)."""
    keys = [c.key for c in table.columns if c.kind == COUNT and c.derive is None]
    out = {}
    rows = [(table.row_id(i, row), row) for i, row in enumerate(table.rows)]
    if table.totals is not None:
        rows.append((TOTAL, table.totals))
    for row_id, row in rows:
        if row.get("kind") == PLACES:
            continue
        for key in keys:
            value = row.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                out[(table.key, row_id, key)] = value
    return out


def audit(
    shown: dict[Ref, object], sums: Sequence[Sum], *, rounds: int = 60
) -> dict[Ref, tuple[float, float]]:
    """A reader's attack: each cell's range from its published value, narrowed by subtraction over every known
    sum (bounds propagation: a total lies between the sums of its parts' bounds; a part between the total's
    bounds less the other parts' bounds), repeated until no range changes. Returns {cell: (low, high)}.

    A work list keeps it linear in practice: after the first round, only the sums of cells whose range changed
    are looked at again (each sum at most `rounds` times, a guard against slow creeping bounds). Cells are
    numbered so the inner loop works on lists."""
    refs = list(shown)
    number = {ref: i for i, ref in enumerate(refs)}
    bounds = [published_range(shown[ref]) for ref in refs]
    low = [b[0] for b in bounds]
    high = [b[1] for b in bounds]
    members = []
    for s in sums:
        if s.total in number and all(p in number for p in s.parts):
            members.append((number[s.total], [number[p] for p in s.parts]))
    member_of: list[list[int]] = [[] for _ in refs]
    for i, (total, parts) in enumerate(members):
        member_of[total].append(i)
        for p in parts:
            member_of[p].append(i)
    queue = list(range(len(members)))
    queued = [True] * len(members)
    visits = [0] * len(members)
    while queue:
        i = queue.pop()
        queued[i] = False
        visits[i] += 1
        if visits[i] > rounds:
            continue
        total, parts = members[i]
        changed = []
        sum_low = 0
        finite_high = 0
        unbounded = 0
        for p in parts:
            sum_low += low[p]
            h = high[p]
            if h == INFINITY:
                unbounded += 1
            else:
                finite_high += h
        if sum_low > low[total]:
            low[total] = sum_low
            changed.append(total)
        if not unbounded and finite_high < high[total]:
            high[total] = finite_high
            changed.append(total)
        t_low, t_high = low[total], high[total]
        for p in parts:
            h = high[p]
            if unbounded == 0 or (unbounded == 1 and h == INFINITY):
                new_low = t_low - (finite_high - (0 if h == INFINITY else h))
                if new_low > low[p]:
                    low[p] = new_low
                    changed.append(p)
            new_high = t_high - (sum_low - low[p])
            if new_high < h:
                high[p] = new_high
                changed.append(p)
        for cell in changed:
            for j in member_of[cell]:
                if not queued[j]:
                    queued[j] = True
                    queue.append(j)
    return {ref: (low[i], high[i]) for i, ref in enumerate(refs)}


def pinned(true: dict[Ref, int], shown: dict[Ref, object], sums: Sequence[Sum]) -> list[Ref]:
    """The small counts (1 to 4) a reader could work out exactly from what is shown."""
    ranges = audit(shown, sums)
    return [ref for ref, value in true.items() if 0 < value < THRESHOLD and ranges[ref][0] >= ranges[ref][1]]


def _complements(ref: Ref, sums: Sequence[Sum], shown: dict, true: dict) -> list[Ref]:
    """Cells that share a sum with `ref`, least informative first: other small counts, then rounded counts from
    the smallest, then totals, then zeros (hiding a zero only helps against a lower bound)."""
    seen: dict[Ref, tuple] = {}
    for s in sums:
        members = (s.total, *s.parts)
        if ref not in members:
            continue
        for m in members:
            if m == ref or m not in shown or shown[m] == HIDDEN_COUNT:
                continue
            is_total = m == s.total and ref != s.total
            rank = (0 if shown[m] == SMALL else 3 if true[m] == 0 else 2 if is_total else 1, true[m])
            seen[m] = min(seen.get(m, rank), rank)
    return sorted(seen, key=seen.get)


def control(true: dict[Ref, int], sums: Sequence[Sum]) -> dict[Ref, object]:
    """Published values for every count: rounded, "<5", and hidden where the audit would pin a small count."""
    shown = {ref: publish_count(value) for ref, value in true.items()}
    sums = [s for s in sums if s.total in true and all(p in true for p in s.parts)]
    while exposed := pinned(true, shown, sums):
        ref = exposed[0]
        candidates = _complements(ref, sums, shown, true)
        if not candidates:  # nothing left to hide beside it: hide the count itself
            shown[ref] = HIDDEN_COUNT
            continue
        for candidate in candidates:
            trial = {**shown, candidate: HIDDEN_COUNT}
            if ref not in pinned(true, trial, sums):
                shown = trial
                break
        else:
            shown[candidates[0]] = HIDDEN_COUNT
    return shown


def _published_row(table: Table, row: dict, row_id, shown: dict) -> dict:
    out = dict(row)
    for column in table.columns:
        if column.kind == COUNT and (table.key, row_id, column.key) in shown:
            out[column.key] = shown[(table.key, row_id, column.key)]
    return out


def _finish(table: Table, rows: list[dict], totals: dict | None) -> Table:
    """Derived columns again, from the published counts; waiting days hidden with their count."""
    derived_totals = totals
    if totals is not None:
        derived_totals = _derive(table, totals, totals, table.totals)
    out_rows = [
        _derive(table, row, derived_totals or {}, raw) for row, raw in zip(rows, table.rows, strict=True)
    ]
    return replace(table, rows=tuple(out_rows), totals=derived_totals, published=True)


def _derive(table: Table, row: dict, totals: dict, raw: dict) -> dict:
    out = dict(row)
    for column in table.columns:
        if column.derive is not None:
            value = column.derive(out, totals)
            out[column.key] = HIDDEN if value is None and raw.get(column.key) is not None else value
        elif column.kind != COUNT and column.basis and not numeric(*(out.get(b) for b in column.basis)):
            out[column.key] = HIDDEN if raw.get(column.key) is not None else None
    return out


def publish(tables: Sequence[Table], links: Sequence[Sum] = ()) -> list[Table]:
    """The tables of one report as they may leave the desk, controlled together: a figure that appears in two
    tables, or sums across them (`links`), is checked with everything else the report shows."""
    tables = [_merge_small_rows(t) for t in tables]
    true: dict[Ref, int] = {}
    sums: list[Sum] = list(links)
    for table in tables:
        if table.published:
            continue
        true.update(_counts(table))
        sums += _sums(table)
    shown = control(true, sums)
    out = []
    for table in tables:
        if table.published:
            out.append(table)
            continue
        rows = [_published_row(table, row, table.row_id(i, row), shown) for i, row in enumerate(table.rows)]
        totals = _published_row(table, table.totals, TOTAL, shown) if table.totals is not None else None
        out.append(_finish(table, rows, totals))
    return out


@dataclass(frozen=True)
class Report:
    """The tables one page, export or API answer shows together, and the sums that tie them."""

    tables: dict
    links: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "links", tuple(self.links))

    def __getitem__(self, key: str) -> Table:
        return self.tables[key]

    def __iter__(self):
        return iter(self.tables.values())

    def published(self) -> "Report":
        """The report as it may leave the desk: every table controlled together (see `publish`)."""
        return Report({t.key: t for t in publish(list(self.tables.values()), self.links)}, self.links)

    def shown(self, *, publish: bool) -> "Report":
        return self.published() if publish else self
