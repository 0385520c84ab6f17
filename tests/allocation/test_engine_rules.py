"""Every rule of FORMAT.md on a hand-built instance, with the expected result worked out in the test."""

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest

from loket.allocation.engine import check, parse, solve
from loket.allocation.engine.instance import reserved_places

from .builders import assigned, flemish, instance, location, opening, request

# Copies of ../shared/allocation/example-*.json, the contract's own example.
SHARED = Path(__file__).resolve().parent / "data"


def test_the_example_instance_gives_the_example_result():
    example = json.loads((SHARED / "example-instance.json").read_text())
    expected = json.loads((SHARED / "example-result.json").read_text())
    result = solve(example)
    assert result == expected
    assert check(example, expected)["ok"]


# Eligibility ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening_kw", "request_kw", "fits"),
    [
        ({"tariff": "free"}, {"tariffs": ["income"]}, False),
        ({"tariff": "free"}, {"tariffs": ["income", "free"]}, True),
        ({"start": "2027-03"}, {"window": ["2027-04", "2027-05"]}, False),
        ({"start": "2027-05"}, {"window": ["2027-04", "2027-05"]}, True),  # the latest month is inclusive
        ({"start": "2027-04"}, {"window": ["2027-04", "2027-05"]}, True),  # and so is the earliest
        ({"weekdays": [1, 2]}, {"weekdays": [1, 2, 3]}, False),
        ({"weekdays": [1, 2, 3, 4]}, {"weekdays": [1, 2, 3]}, True),
        # Born 15 Jan 2026: on 1 March 2027 the child is 13 whole months old, not 14.
        ({"ages": [14, 36]}, {"birth": "2026-01-15"}, False),
        ({"ages": [13, 36]}, {"birth": "2026-01-15"}, True),
        ({"ages": [0, 13]}, {"birth": "2026-01-15"}, True),
        # Born on the 1st: a whole month older on the 1st of each month.
        ({"ages": [14, 36]}, {"birth": "2026-01-01"}, True),
        # Not yet born at the start (due date after it): outside any age band.
        ({"ages": [0, 36]}, {"birth": "2027-05-10"}, False),
        ({"ages": [0, 36]}, {"birth": "2027-03-01"}, True),
    ],
)
def test_a_request_gets_only_an_opening_that_fits(opening_kw, request_kw, fits):
    result = solve(
        instance([location("A", opening("A1", **opening_kw))], [request("R1", ["A"], **request_kw)])
    )
    assert assigned(result) == ({"R1": "A1"} if fits else {})


def test_a_request_never_gets_a_location_it_did_not_choose():
    result = solve(
        instance([location("A", opening("A1")), location("B", opening("B1"))], [request("R1", ["B"])])
    )
    assert assigned(result) == {"R1": "B1"}


def test_an_opening_without_places_is_never_given():
    result = solve(instance([location("A", opening("A1", count=0))], [request("R1", ["A"])]))
    assert result["unassigned"] == ["R1"]


# How a request ranks the openings it fits -------------------------------------------------------------------------


def test_location_rank_comes_before_start_month():
    inst = instance(
        [location("A", opening("A1", start="2027-06")), location("B", opening("B1", start="2027-02"))],
        [request("R1", ["A", "B"])],
    )
    assert assigned(solve(inst)) == {"R1": "A1"}


def test_within_a_location_the_earlier_start_then_the_instance_order():
    inst = instance(
        [
            location(
                "A",
                opening("A1", start="2027-05"),
                opening("A2", start="2027-03"),
                opening("A3", start="2027-03"),
            )
        ],
        [request("R1", ["A"]), request("R2", ["A"], registered="2026-02-01T00:00:00")],
    )
    # R1 (earlier) gets A2: earliest start, first in the instance; R2 gets A3: same start, later in the instance.
    assert assigned(solve(inst)) == {"R1": "A2", "R2": "A3"}


# Priority at an opening -----------------------------------------------------------------------------------------


def one_place(*requests, policy=None, tariff="income"):
    return solve(instance([location("A", opening("A1", tariff=tariff))], list(requests), policy=policy))


def test_a_higher_class_beats_an_earlier_registration():
    early = request("Early", ["A"], registered="2025-01-01T00:00:00")
    worker = request("Worker", ["A"], registered="2026-06-01T00:00:00", flags=["work"])
    assert assigned(one_place(early, worker)) == {"Worker": "A1"}


def test_classes_are_ranked_in_the_listed_order():
    worker = request("Worker", ["A"], registered="2025-01-01T00:00:00", flags=["work"])
    urgent = request("Urgent", ["A"], registered="2026-06-01T00:00:00", flags=["urgent"])
    assert assigned(one_place(worker, urgent)) == {"Urgent": "A1"}


def test_a_class_with_clauses_needs_every_flag_of_one_clause():
    # Flemish income rule: work_and_group (work + single parent, …) before work before group (single parent, …).
    single_parent = request("Single", ["A"], registered="2025-01-01T00:00:00", flags=["single_parent"])
    worker = request("Worker", ["A"], registered="2026-01-01T00:00:00", flags=["work"])
    both = request("Both", ["A"], registered="2026-06-01T00:00:00", flags=["work", "single_parent"])
    assert assigned(one_place(single_parent, worker, policy=flemish())) == {"Worker": "A1"}
    assert assigned(one_place(single_parent, worker, both, policy=flemish())) == {"Both": "A1"}


def test_sibling_holds_only_at_the_sibling_location():
    # Free-price rule: sibling before work.
    inst = instance(
        [location("A", opening("A1", tariff="free")), location("B", opening("B1", tariff="free"))],
        [
            request("Worker", ["A", "B"], registered="2025-01-01T00:00:00", flags=["work"]),
            request("Sibling", ["A", "B"], registered="2026-01-01T00:00:00", sibling_at=["B"]),
        ],
        policy=flemish(),
    )
    # At A the worker's class wins; at B the sibling's. Each gets one: the worker its first choice.
    assert assigned(solve(inst)) == {"Worker": "A1", "Sibling": "B1"}


def test_within_a_class_earlier_registration_then_id_wins():
    later = request("R1", ["A"], registered="2026-03-01T10:00:00")
    earlier = request("R2", ["A"], registered="2026-03-01T09:59:59")
    assert assigned(one_place(later, earlier)) == {"R2": "A1"}
    # Same second: ids compared as strings, so "R10" comes before "R9".
    assert assigned(one_place(request("R9", ["A"]), request("R10", ["A"]))) == {"R10": "A1"}


def test_the_lottery_is_the_documented_draw_and_reproducible():
    """A request's number is SHA-256 of "<seed>:<id>" (docs/allocation.md); the lowest number comes first."""
    ids = ["Ra", "Rb", "Rc", "Rd"]
    for seed in (1, 2, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"):
        policy = flemish() | {"tie_break": "lottery", "lottery_seed": seed}
        first = min(ids, key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
        inst = instance(
            [location("A", opening("A1"))], [request(i, ["A"]) for i in reversed(ids)], policy=policy
        )
        assert assigned(solve(inst)) == {first: "A1"}
        assert solve(inst) == solve(inst)
    # A whole number and its digits as text are the same seed.
    as_text = instance(
        [location("A", opening("A1"))],
        [request(i, ["A"]) for i in ids],
        policy=flemish() | {"tie_break": "lottery", "lottery_seed": "2"},
    )
    as_number = as_text | {"policy": flemish() | {"tie_break": "lottery", "lottery_seed": 2}}
    assert solve(as_text) == solve(as_number)


# The reserve for vulnerable families ----------------------------------------------------------------------------


def test_reserved_places_are_computed_exactly_in_decimals():
    # 0.2 × 30 is 6 (in floating point 6.000000000000001, whose ceiling would be 7).
    assert reserved_places(Decimal("0.2"), 24, 0, 6) == 6
    assert reserved_places(Decimal("0.2"), 24, 5, 6) == 1
    assert reserved_places(Decimal("0.2"), 24, 9, 6) == 0  # clamped at 0
    assert reserved_places(Decimal("0.5"), 0, 0, 3) == 2  # ceil(1.5)
    assert reserved_places(Decimal("1"), 10, 0, 3) == 3  # clamped at P


def test_the_reserve_comes_from_the_json_number_exactly_and_spreads_in_instance_order():
    inst = parse(
        instance(
            [
                location(
                    "A",
                    opening("A1", count=1),
                    opening("A2", count=2),
                    opening("A3", tariff="free"),
                    total=24,
                )
            ],
            [request("R1", ["A"])],
            reserve={"target_share": 0.2, "eligible": ["vulnerable"]},
        )
    )
    # P = 3 income places: ceil(0.2 × 27) = 6 reserved, clamped to 3; A1 takes 1, A2 its 2; the free place none.
    assert inst.opening_reserved == [1, 2, 0]


def reserve_case(precedence, *requests, count=2, total=8, eligible=0):
    return instance(
        [location("A", opening("A1", count=count), total=total, eligible=eligible)],
        list(requests),
        reserve={"target_share": 0.2, "eligible": ["vulnerable"], "precedence": precedence},
    )


# A is vulnerable and best placed, B is not, C is vulnerable and last. Two places, one reserved: ceil(0.2 × 10) = 2,
# minus 1 already enrolled.
A = request("A", ["A"], registered="2026-01-01T00:00:00", flags=["vulnerable"])
B = request("B", ["A"], registered="2026-02-01T00:00:00")
C = request("C", ["A"], registered="2026-03-01T00:00:00", flags=["vulnerable"])


def test_open_first_fills_the_open_place_before_the_reserved_one():
    # The open place goes to A (best of all); A does not use up the reserved place, which goes to C.
    inst = reserve_case("open_first", A, B, C, eligible=1)
    assert parse(inst).opening_reserved == [1]
    assert assigned(solve(inst)) == {"A": "A1", "C": "A1"}


def test_reserve_first_fills_the_reserved_place_first():
    # The reserved place goes to A (best eligible); the open place to the best of the rest, B.
    assert assigned(solve(reserve_case("reserve_first", A, B, C, eligible=1))) == {"A": "A1", "B": "A1"}


def test_open_first_is_the_default_precedence():
    inst = reserve_case("open_first", A, B, C, eligible=1)
    del inst["policy"]["rules"]["income"]["reserve"]["precedence"]
    assert assigned(solve(inst)) == {"A": "A1", "C": "A1"}


def test_a_reserved_place_no_eligible_family_takes_goes_to_the_best_remaining():
    b2 = request("B2", ["A"], registered="2026-02-15T00:00:00")
    for precedence in ("open_first", "reserve_first"):
        assert assigned(solve(reserve_case(precedence, B, b2, eligible=1))) == {"B": "A1", "B2": "A1"}


def test_the_reserve_beats_a_higher_class():
    worker = request("W", ["A"], registered="2025-01-01T00:00:00", flags=["work"])
    worker2 = request("W2", ["A"], registered="2025-02-01T00:00:00", flags=["work"])
    vulnerable = request("V", ["A"], registered="2026-06-01T00:00:00", flags=["vulnerable"])
    inst = reserve_case("open_first", worker, worker2, vulnerable, eligible=1)
    assert assigned(solve(inst)) == {"W": "A1", "V": "A1"}


# Deferred acceptance: the request-optimal stable result ----------------------------------------------------------


def test_the_result_is_request_optimal_not_provider_optimal():
    # Each location prefers the family that ranks it second (a sibling there). Both stable results exist;
    # the contract's is the one where each family gets its first choice.
    inst = instance(
        [location("X", opening("X1", tariff="free")), location("Y", opening("Y1", tariff="free"))],
        [
            request("R1", ["X", "Y"], sibling_at=["Y"]),
            request("R2", ["Y", "X"], sibling_at=["X"]),
        ],
        policy=flemish(),
    )
    assert assigned(solve(inst)) == {"R1": "X1", "R2": "Y1"}


def test_a_rejected_request_moves_down_its_list_and_displaces_a_weaker_one():
    inst = instance(
        [location("X", opening("X1")), location("Y", opening("Y1"))],
        [
            request("Weak", ["Y"], registered="2026-05-01T00:00:00"),
            request("Mid", ["X", "Y"], registered="2026-03-01T00:00:00"),
            request("Strong", ["X"], registered="2026-01-01T00:00:00", flags=["work"]),
        ],
    )
    assert assigned(solve(inst)) == {"Strong": "X1", "Mid": "Y1"}
    assert solve(inst)["unassigned"] == ["Weak"]


def test_every_request_is_listed_exactly_once_in_instance_order():
    inst = instance(
        [location("A", opening("A1", count=2))],
        [
            request(rid, ["A"], registered=f"2026-01-0{i + 1}T00:00:00")
            for i, rid in enumerate(["Z", "Y", "X"])
        ],
    )
    result = solve(inst)
    assert [a["request"] for a in result["assignments"]] == ["Z", "Y"]
    assert result["unassigned"] == ["X"]
