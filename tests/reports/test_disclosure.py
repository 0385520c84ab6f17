"""The disclosure rule on hand-made tables: rounding, "<5", the audit that attacks by subtraction, and the
complementary cells it hides. The same attack runs on the real reports in test_reports_disclosure.py."""

import pytest

from loket.reports.disclosure import (
    HIDDEN,
    HIDDEN_COUNT,
    SMALL,
    Sum,
    audit,
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
