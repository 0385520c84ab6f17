"""The disclosure rule on hand-made tables: rounding, "<5", the audit that attacks by subtraction, and the
complementary cells it hides. The same attack runs on the real reports in test_reports_disclosure.py."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loket.reports.disclosure import (
    HIDDEN,
    HIDDEN_COUNT,
    SMALL,
    Sum,
    audit,
    control,
    publish,
    publish_count,
    published_range,
    same,
)
from loket.reports.tables import PLACES, SHARE, TEXT, TOTAL, Column, Table, share_of


def test_small_counts_are_small_and_others_rounded_to_five():
    assert [publish_count(n) for n in (0, 1, 4, 5, 6, 7, 8, 12, 13, 23, 120)] == [
        0,
        SMALL,
        SMALL,
        5,
        5,
        5,
        10,
        10,
        15,
        25,
        120,
    ]
    assert published_range(SMALL) == (1, 4)
    assert published_range(5) == (5, 7)
    assert published_range(25) == (23, 27)
    assert published_range(HIDDEN_COUNT)[1] == float("inf")


def _agency(zulte: int, deinze: int) -> Table:
    return Table(
        "agency",
        "Agency",
        (Column("municipality", "Municipality", TEXT), Column("answered", "With a place")),
        (
            {"id": "zulte", "municipality": "Zulte", "answered": zulte},
            {"id": "deinze", "municipality": "Deinze", "answered": deinze},
        ),
        totals={"municipality": "Total", "answered": zulte + deinze},
        sums_down=("answered",),
    )


def test_zulte_cannot_be_worked_out_from_the_total_and_deinze():
    (table,) = publish([_agency(4, 19)])
    zulte, deinze = table.rows
    assert (zulte["answered"], deinze["answered"], table.totals["answered"]) == (SMALL, 20, 25)
    # The reader's subtraction: 25 − 20 is a range (23..27 − 18..22), not 4.
    low = published_range(table.totals["answered"])[0] - published_range(deinze["answered"])[1]
    high = published_range(table.totals["answered"])[1] - published_range(deinze["answered"])[0]
    assert (low, high) == (1, 9)


def test_the_audit_finds_a_small_count_pinned_by_rounding_and_hides_a_complement():
    # 4 + 7 + 12 = 23 -> "<5", 5, 10, total 25: the total is at least 23 and the others at most 7 and 12, so
    # the "<5" could only be 4. Rounding alone is not enough here.
    rows = ({"id": "a", "n": 4}, {"id": "b", "n": 7}, {"id": "c", "n": 12})
    table = Table(
        "t", "T", (Column("id", "Id", TEXT), Column("n", "N")), rows, totals={"n": 23}, sums_down=("n",)
    )
    shown = {("t", r["id"], "n"): publish_count(r["n"]) for r in rows} | {("t", TOTAL, "n"): 25}
    sums = [Sum(("t", TOTAL, "n"), tuple(("t", r["id"], "n") for r in rows))]
    assert audit(shown, sums)[("t", "a", "n")] == (4, 4)
    (published,) = publish([table])
    values = [r["n"] for r in published.rows]
    assert values[0] == SMALL and HIDDEN_COUNT in values
    shown = {("t", r["id"], "n"): r["n"] for r in published.rows} | {("t", TOTAL, "n"): published.totals["n"]}
    low, high = audit(shown, sums)[("t", "a", "n")]
    assert high > low


def test_two_small_counts_adding_up_to_a_known_total_are_protected():
    # 1 + 1 + 5 = 7 -> "<5", "<5", 5, total 5 (5 to 7): the 5 is at least 5, so the two small ones are 1 each.
    rows = ({"id": "a", "n": 1}, {"id": "b", "n": 1}, {"id": "c", "n": 5})
    table = Table(
        "t", "T", (Column("id", "Id", TEXT), Column("n", "N")), rows, totals={"n": 7}, sums_down=("n",)
    )
    (published,) = publish([table])
    shown = {("t", r["id"], "n"): r["n"] for r in published.rows} | {("t", TOTAL, "n"): published.totals["n"]}
    ranges = audit(shown, [Sum(("t", TOTAL, "n"), (("t", "a", "n"), ("t", "b", "n"), ("t", "c", "n")))])
    assert all(ranges[("t", k, "n")][1] > ranges[("t", k, "n")][0] for k in ("a", "b"))


def test_a_figure_repeated_in_another_table_is_checked_with_it():
    # Trend months 4 and 4 add up to the key figure 8 (shown 10, so 8 to 12): both months would be 4.
    trend = Table(
        "trend",
        "Trend",
        (Column("month", "Month", TEXT), Column("registered", "Registered")),
        ({"id": "01", "month": "01", "registered": 4}, {"id": "02", "month": "02", "registered": 4}),
        totals={"month": "Total", "registered": 8},
        sums_down=("registered",),
    )
    key = Table(
        "key",
        "Key",
        (Column("figure", "Figure", TEXT), Column("value", "N")),
        ({"id": "registered", "figure": "Registered", "value": 8},),
    )
    alone = publish([trend])[0]
    assert HIDDEN_COUNT in (alone.totals["registered"], *(r["registered"] for r in alone.rows))
    linked_trend, linked_key = publish(
        [trend, key], same(("key", "registered", "value"), ("trend", TOTAL, "registered"))
    )
    shown = {("trend", r["id"], "registered"): r["registered"] for r in linked_trend.rows}
    shown |= {
        ("trend", TOTAL, "registered"): linked_trend.totals["registered"],
        ("key", "registered", "value"): linked_key.rows[0]["value"],
    }
    sums = [
        Sum(("trend", TOTAL, "registered"), (("trend", "01", "registered"), ("trend", "02", "registered"))),
        *same(("key", "registered", "value"), ("trend", TOTAL, "registered")),
    ]
    ranges = audit(shown, sums)
    assert all(
        ranges[("trend", m, "registered")][1] > ranges[("trend", m, "registered")][0] for m in ("01", "02")
    )


def test_shares_come_from_the_published_counts_and_places_stay_exact():
    table = Table(
        "t",
        "T",
        (
            Column("name", "Name", TEXT),
            Column("n", "N"),
            Column("share", "Share", SHARE, derive=share_of("n", "n", of_totals=True)),
            Column("licensed", "Licensed places", PLACES),
        ),
        (
            {"id": 1, "name": "small", "n": 3, "licensed": 18},
            {"id": 2, "name": "large", "n": 22, "licensed": 3},
        ),
        totals={"name": "all", "n": 25, "licensed": 21},
        sums_down=("n",),
    )
    assert table.rows[0]["share"] == pytest.approx(3 / 25)
    (published,) = publish([table])
    small, large = published.rows
    assert (small["n"], small["share"], small["licensed"]) == (SMALL, HIDDEN, 18)
    assert (large["n"], large["share"], large["licensed"]) == (20, pytest.approx(20 / 25), 3)
    assert table.rows[0]["n"] == 3  # the original is untouched


def test_free_text_rows_under_five_are_merged_before_publishing():
    table = Table(
        "declines",
        "Declines",
        (Column("reason", "Reason", TEXT), Column("declined", "Declined")),
        (
            {"id": "far", "reason": "Too far", "declined": 9},
            {"id": "Jan", "reason": "Jan's mum", "declined": 1},
            {"id": "x", "reason": "Cost", "declined": 2},
        ),
        totals={"reason": "All", "declined": 12},
        sums_down=("declined",),
        merge_small_rows="Other reasons",
    )
    (published,) = publish([table])
    assert [r["reason"] for r in published.rows] == ["Too far", "Other reasons"]
    assert "Jan's mum" not in str(published.rows)


# The control audits a report again after each cell it hides, from a prepared attack that only looks again at the
# sums that narrow something. These check it against the plain attack, every sum again and again until nothing
# changes, and the control that runs that attack from scratch after each cell it hides.


def plain_attack(shown: dict, sums: list[Sum]) -> dict:
    ranges = {ref: list(published_range(value)) for ref, value in shown.items()}
    changed = True
    while changed:
        changed = False
        for s in sums:
            total, parts = ranges[s.total], [ranges[p] for p in s.parts]
            narrowed = [max(total[0], sum(r[0] for r in parts)), min(total[1], sum(r[1] for r in parts))]
            if narrowed != total:
                total[:], changed = narrowed, True
            for i, part in enumerate(parts):
                others = [r for j, r in enumerate(parts) if j != i]
                low = max(part[0], total[0] - sum(r[1] for r in others))
                high = min(part[1], total[1] - sum(r[0] for r in others))
                if [low, high] != part:
                    part[:], changed = [low, high], True
    return {ref: tuple(r) for ref, r in ranges.items()}


def plain_control(true: dict, sums: list[Sum]) -> dict:
    shown = {ref: publish_count(value) for ref, value in true.items()}

    def exposed(shown):
        ranges = plain_attack(shown, sums)
        return [ref for ref, v in true.items() if 0 < v < 5 and ranges[ref][0] >= ranges[ref][1]]

    while pinned := exposed(shown):
        ref = pinned[0]
        rank = {}
        for s in sums:
            if ref in (s.total, *s.parts):
                for m in (s.total, *s.parts):
                    if m != ref and shown[m] != HIDDEN_COUNT:
                        kind = 0 if shown[m] == SMALL else 3 if true[m] == 0 else 2 if m == s.total else 1
                        rank[m] = min(rank.get(m, (kind, true[m])), (kind, true[m]))
        candidates = sorted(rank, key=rank.get)
        if not candidates:
            shown[ref] = HIDDEN_COUNT
            continue
        for candidate in candidates:
            if ref not in exposed({**shown, candidate: HIDDEN_COUNT}):
                shown[candidate] = HIDDEN_COUNT
                break
        else:
            shown[candidates[0]] = HIDDEN_COUNT
    return shown


@st.composite
def reports(draw) -> tuple[dict, list[Sum]]:
    """True counts and the sums a reader knows: rows adding up to groups and groups to a total, the total
    repeated in another table, and other tables grouping the same rows differently."""
    true, sums, groups = {}, [], []
    for g in range(draw(st.integers(1, 4))):
        values = draw(st.lists(st.integers(0, 14), min_size=1, max_size=5))
        rows = [("rows", f"{g}:{j}", "n") for j in range(len(values))]
        true |= dict(zip(rows, values, strict=True))
        true[("groups", g, "n")] = sum(values)
        sums.append(Sum(("groups", g, "n"), tuple(rows)))
        groups.append(("groups", g, "n"))
    true[("groups", TOTAL, "n")] = sum(true[g] for g in groups)
    sums.append(Sum(("groups", TOTAL, "n"), tuple(groups)))
    if draw(st.booleans()):
        true[("key", "n", "value")] = true[("groups", TOTAL, "n")]
        sums += same(("key", "n", "value"), ("groups", TOTAL, "n"))
    rows = [ref for ref in true if ref[0] == "rows"]
    for other in range(draw(st.integers(0, 3))):
        parts = draw(st.lists(st.sampled_from(rows), min_size=1, max_size=4, unique=True))
        true[("other", other, "n")] = sum(true[p] for p in parts)
        sums.append(Sum(("other", other, "n"), tuple(parts)))
    return true, sums


@settings(max_examples=300, deadline=None)
@given(report=reports(), data=st.data())
def test_the_prepared_attack_narrows_as_far_as_the_plain_one(report, data):
    true, sums = report
    hidden = data.draw(st.sets(st.sampled_from(sorted(true, key=str))))
    shown = {ref: HIDDEN_COUNT if ref in hidden else publish_count(v) for ref, v in true.items()}
    assert audit(shown, sums) == plain_attack(shown, sums)


@settings(max_examples=300, deadline=None)
@given(report=reports())
def test_the_control_hides_what_auditing_from_scratch_hides(report):
    true, sums = report
    assert control(true, sums) == plain_control(true, sums)
