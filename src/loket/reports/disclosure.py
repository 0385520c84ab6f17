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


class Attack:
    """A reader's attack on one report: each cell's range from its published value, narrowed by subtraction over
    every known sum (bounds propagation: a total lies between the sums of its parts' bounds; a part between the
    total's bounds less the other parts' bounds), repeated until no range changes.

    The control audits the same report again after each cell it hides, so the attack is prepared once: cells
    and sums are numbered, and each sum keeps its parts' bounds added up (kept current as a cell narrows), so
    looking at a sum costs the same whatever its number of parts. A part can only narrow when its range is
    wider than the sum's slack (the total's high less the other parts' lows, the parts' highs less the total's
    low); a region's totals have a slack of thousands against parts of width 4, so only the few hidden parts of
    such a sum ("x", unbounded) are looked at. Only the sums that narrow something from the published values
    start the work list; a sum goes back on it when one of its cells narrows.

    The ranges are the attack's fixpoint: whatever the order the sums are looked at, bounds propagation ends on
    the same ranges (it only narrows, by rules that narrow more from narrower ranges). Each sum is looked at
    most `rounds` times per audit, a guard against slow creeping bounds."""

    def __init__(self, shown: dict[Ref, object], sums: Sequence[Sum], *, rounds: int = 60):
        self.refs = list(shown)
        self.number = number = {ref: i for i, ref in enumerate(self.refs)}
        self.rounds = rounds
        self.shown = dict(shown)
        n = len(self.refs)
        self.totals: list[int] = []
        self.parts: list[list[int]] = []
        self.sums: list[Sum] = []
        self.part_of: list[list[int]] = [[] for _ in range(n)]  # the sums a cell is a part of, once per time
        self.member_of: list[list[int]] = [[] for _ in range(n)]  # the sums a cell is in, once each, in order
        for s in sums:
            try:
                total, parts = number[s.total], [number[p] for p in s.parts]
            except KeyError:  # a sum with a cell the report does not hold
                continue
            i = len(self.sums)
            self.sums.append(s)
            self.totals.append(total)
            self.parts.append(parts)
            for cell in (total, *parts):
                if not self.member_of[cell] or self.member_of[cell][-1] != i:
                    self.member_of[cell].append(i)
            for cell in parts:
                self.part_of[cell].append(i)
        bounds = [published_range(shown[ref]) for ref in self.refs]
        self.low = [b[0] for b in bounds]
        self.high = [b[1] for b in bounds]
        m = len(self.sums)
        # Per sum: its parts' lows added up, their finite highs added up, how many are unbounded, the unbounded
        # ones from the published values (looked at one by one), and the widest bounded range among its parts.
        self.sum_low = [0] * m
        self.sum_high = [0] * m
        self.unbounded = [0] * m
        self.wide: list[list[int]] = [[] for _ in range(m)]
        self.width = [0] * m
        low, high = self.low, self.high
        for i, parts in enumerate(self.parts):
            s_low = s_high = width = 0
            wide = self.wide[i]
            for p in parts:
                s_low += low[p]
                if high[p] == INFINITY:
                    wide.append(p)
                else:
                    s_high += high[p]
                    width = max(width, high[p] - low[p])
            self.sum_low[i], self.sum_high[i], self.unbounded[i], self.width[i] = (
                s_low,
                s_high,
                len(wide),
                width,
            )
        self.active = {
            i
            for i in range(m)
            if self._narrowing(i, self.low, self.high, self.sum_low, self.sum_high, self.unbounded)
        }

    def _add_part(self, i: int, p: int, sign: int) -> None:
        """Count (sign 1) or uncount (-1) part `p`'s published range in sum `i`'s figures."""
        low, high = self.low[p], self.high[p]
        self.sum_low[i] += sign * low
        if high == INFINITY:
            self.unbounded[i] += sign
            if sign > 0:
                self.wide[i].append(p)
            else:
                self.wide[i].remove(p)
        else:
            self.sum_high[i] += sign * high
            if sign > 0:
                self.width[i] = max(self.width[i], high - low)

    def publish(self, ref: Ref, value) -> None:
        """Audit from now on with `value` published for `ref` (a cell hidden, or shown again)."""
        cell = self.number[ref]
        for i in self.part_of[cell]:
            self._add_part(i, cell, -1)
        self.shown[ref] = value
        self.low[cell], self.high[cell] = published_range(value)
        for i in self.part_of[cell]:
            self._add_part(i, cell, 1)
        for i in self.member_of[cell]:
            narrows = self._narrowing(i, self.low, self.high, self.sum_low, self.sum_high, self.unbounded)
            if narrows:
                self.active.add(i)
            else:
                self.active.discard(i)

    def _narrowing(self, i, low, high, sum_low, sum_high, unbounded) -> list[tuple[int, float, float]]:
        """What sum `i` tells a reader beyond the ranges `low`/`high`: [(cell, low, high)] of the cells it
        narrows."""
        total = self.totals[i]
        s_low, s_high, free = sum_low[i], sum_high[i], unbounded[i]
        t_low, t_high = low[total], high[total]
        out = []
        new_low = max(t_low, s_low)
        new_high = t_high if free else min(t_high, s_high)
        if new_low != t_low or new_high != t_high:
            out.append((total, new_low, new_high))
            t_low, t_high = new_low, new_high
        slack = t_high - s_low
        if not free:
            slack = min(slack, s_high - t_low)
        for p in self.wide[i] if self.width[i] <= slack else self.parts[i]:
            p_low, p_high = low[p], high[p]
            new_low = p_low
            if not free:
                new_low = max(p_low, t_low - (s_high - p_high))
            elif free == 1 and p_high == INFINITY:
                new_low = max(p_low, t_low - s_high)
            new_high = min(p_high, t_high - (s_low - p_low))
            if new_low != p_low or new_high != p_high:
                out.append((p, new_low, new_high))
        return out

    def ranges(self) -> tuple[list, list, set]:
        """Every cell's (low, high) after the attack, by cell number, and the cells it narrowed."""
        low, high = self.low[:], self.high[:]
        narrowed = set()
        sum_low, sum_high, unbounded = self.sum_low[:], self.sum_high[:], self.unbounded[:]
        part_of, member_of = self.part_of, self.member_of
        queue = sorted(self.active)
        queued = [False] * len(self.sums)
        for i in queue:
            queued[i] = True
        visits = [0] * len(self.sums)
        while queue:
            i = queue.pop()
            queued[i] = False
            visits[i] += 1
            if visits[i] > self.rounds:
                continue
            for cell, new_low, new_high in self._narrowing(i, low, high, sum_low, sum_high, unbounded):
                if new_low != low[cell]:
                    for j in part_of[cell]:
                        sum_low[j] += new_low - low[cell]
                    low[cell] = new_low
                if new_high != high[cell]:
                    for j in part_of[cell]:
                        if high[cell] == INFINITY:
                            unbounded[j] -= 1
                            sum_high[j] += new_high
                        else:
                            sum_high[j] += new_high - high[cell]
                    high[cell] = new_high
                narrowed.add(cell)
                for j in member_of[cell]:
                    if not queued[j]:
                        queued[j] = True
                        queue.append(j)
        return low, high, narrowed

    def pinned(self, cells: set[int]) -> list[int]:
        """Those of `cells` (numbers of true counts of 1 to 4) that the attack works out exactly, in order. Only
        a cell the attack narrowed can be: a published value alone never names one number."""
        low, high, narrowed = self.ranges()
        return sorted(cell for cell in narrowed & cells if low[cell] >= high[cell])

    def complements(self, ref: Ref, true: dict) -> list[Ref]:
        """Cells that share a sum with `ref`, least informative first: other small counts, then rounded counts
        from the smallest, then totals, then zeros (hiding a zero only helps against a lower bound)."""
        shown = self.shown
        seen: dict[Ref, tuple] = {}
        for i in self.member_of[self.number[ref]]:
            s = self.sums[i]
            for m in (s.total, *s.parts):
                if m == ref or shown[m] == HIDDEN_COUNT:
                    continue
                is_total = m == s.total and ref != s.total
                rank = (0 if shown[m] == SMALL else 3 if true[m] == 0 else 2 if is_total else 1, true[m])
                seen[m] = min(seen.get(m, rank), rank)
        return sorted(seen, key=seen.get)


def audit(
    shown: dict[Ref, object], sums: Sequence[Sum], *, rounds: int = 60
) -> dict[Ref, tuple[float, float]]:
    """A reader's attack on the published values `shown` with the sums a reader knows: {cell: (low, high)}, each
    cell's range once subtraction narrows nothing more (see `Attack`)."""
    attack = Attack(shown, sums, rounds=rounds)
    low, high, _narrowed = attack.ranges()
    return {ref: (low[i], high[i]) for i, ref in enumerate(attack.refs)}


def control(true: dict[Ref, int], sums: Sequence[Sum]) -> dict[Ref, object]:
    """Published values for every count: rounded, "<5", and hidden where the audit would pin a small count."""
    shown = {ref: publish_count(value) for ref, value in true.items()}
    attack = Attack(shown, sums)  # the sums of cells it holds
    small = {attack.number[ref] for ref, value in true.items() if 0 < value < THRESHOLD}
    while exposed := attack.pinned(small):
        ref = attack.refs[exposed[0]]
        candidates = attack.complements(ref, true)
        if not candidates:  # nothing left to hide beside it: hide the count itself
            attack.publish(ref, HIDDEN_COUNT)
            continue
        for candidate in candidates:
            published = attack.shown[candidate]
            attack.publish(candidate, HIDDEN_COUNT)
            if not attack.pinned({exposed[0]}):
                break
            attack.publish(candidate, published)  # not enough: shown again
        else:
            attack.publish(candidates[0], HIDDEN_COUNT)
    return attack.shown


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
