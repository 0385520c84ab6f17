"""Properties on random small instances: valid and stable, request-optimal among all stable results (found by
brute force), independent of the order of requests, and strategy-proof for families."""

import copy
import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket.allocation.engine import check, parse, solve
from loket.allocation.engine.check import blocking_pairs
from loket.allocation.engine.mechanisms import deferred_acceptance

from .builders import flemish

FLAGS = ["work", "single_parent", "low_income", "foster", "urgent", "vulnerable"]
MONTHS = ["2027-02", "2027-03", "2027-04"]
WEEKDAYS = [[1, 2, 3, 4, 5], [1, 2, 3], [1, 2, 4, 5]]


@st.composite
def instances(draw, max_requests=6, max_locations=3):
    n_loc = draw(st.integers(1, max_locations))
    locations = []
    for li in range(n_loc):
        openings = []
        for oi in range(draw(st.integers(1, 2))):
            openings.append(
                {
                    "id": f"L{li}-{oi}",
                    "tariff": draw(st.sampled_from(["income", "income", "free"])),
                    "start_month": draw(st.sampled_from(MONTHS)),
                    "weekdays": draw(st.sampled_from(WEEKDAYS)),
                    "age_months": draw(st.sampled_from([[0, 36], [6, 36], [0, 12]])),
                    "count": draw(st.integers(0, 3)),
                }
            )
        total = draw(st.integers(0, 12))
        locations.append(
            {
                "id": f"L{li}",
                "enrolled": {"total": total, "reserve_eligible": draw(st.integers(0, total))},
                "openings": openings,
            }
        )
    ids = [loc["id"] for loc in locations]
    requests = []
    for ri in range(draw(st.integers(1, max_requests))):
        choices = draw(st.permutations(ids))[: draw(st.integers(1, n_loc))]
        start = draw(st.integers(0, 2))
        requests.append(
            {
                "id": f"R{ri}",
                "registered_at": f"2026-0{draw(st.integers(1, 3))}-01T09:00:00",  # ties are common on purpose
                "child_birth": draw(st.sampled_from(["2026-01-15", "2026-09-01", "2026-12-20"])),
                "start_months": [MONTHS[start], MONTHS[draw(st.integers(start, 2))]],
                "weekdays": draw(st.sampled_from([[1, 2, 3], [1, 2], [4, 5], [1, 2, 3, 4, 5]])),
                "tariffs": draw(st.sampled_from([["income"], ["free"], ["income", "free"]])),
                "choices": choices,
                "flags": draw(st.lists(st.sampled_from(FLAGS), unique=True, max_size=3)),
                "sibling_at": draw(st.lists(st.sampled_from(ids), unique=True, max_size=1)),
            }
        )
    policy = flemish()
    policy["tie_break"] = draw(st.sampled_from(["registered_at", "lottery"]))
    policy["lottery_seed"] = draw(st.integers(0, 5))
    policy["rules"]["income"]["reserve"] = {
        "target_share": draw(st.sampled_from([0.2, 0.34, 0.5])),
        "eligible": ["vulnerable"],
        "precedence": draw(st.sampled_from(["open_first", "reserve_first"])),
    }
    return {
        "format": "loket-allocation/1",
        "round": {"date": "2027-01-15"},
        "policy": policy,
        "locations": locations,
        "requests": requests,
    }


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(instances())
def test_results_are_valid_and_stable(inst):
    verdict = check(inst, solve(inst))
    assert verdict["ok"], verdict["problems"]
    assert verdict["blocking_pairs"] == 0


def all_stable_assignments(inst):
    """Every feasible, stable assignment, by brute force (small instances only)."""
    compiled = parse(inst)
    options = [[-1, *prefs] for prefs in compiled.prefs]
    for assignment in itertools.product(*options):
        counts = {}
        for o in assignment:
            if o != -1:
                counts[o] = counts.get(o, 0) + 1
        if any(counts[o] > compiled.opening_count[o] for o in counts):
            continue
        if not blocking_pairs(compiled, list(assignment)):
            yield list(assignment)


def position(compiled, r, o):
    return len(compiled.prefs[r]) if o == -1 else compiled.prefs[r].index(o)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_requests=4, max_locations=2))
def test_the_result_is_the_request_optimal_stable_one(inst):
    compiled = parse(inst)
    ours = deferred_acceptance(compiled)
    stable = list(all_stable_assignments(inst))
    assert ours in stable
    for other in stable:
        for r in range(len(ours)):
            assert position(compiled, r, ours[r]) <= position(compiled, r, other[r])


@PROPERTY
@given(instances(), st.randoms(use_true_random=False))
def test_the_order_of_requests_and_locations_in_the_instance_does_not_matter(inst, rnd):
    shuffled = copy.deepcopy(inst)
    rnd.shuffle(shuffled["requests"])
    rnd.shuffle(
        shuffled["locations"]
    )  # openings keep their order within a location (the reserve spread uses it)
    as_set = lambda result: sorted((a["request"], a["opening"]) for a in result["assignments"])  # noqa: E731
    assert as_set(solve(inst)) == as_set(solve(shuffled))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_requests=5, max_locations=3), st.data())
def test_no_family_gains_by_a_shorter_or_reordered_list(inst, data):
    truthful = parse(inst)
    outcome = deferred_acceptance(truthful)
    r = data.draw(st.integers(0, len(inst["requests"]) - 1))
    true_choices = inst["requests"][r]["choices"]
    for size in range(1, len(true_choices) + 1):
        for reported in itertools.permutations(true_choices, size):
            lying = copy.deepcopy(inst)
            lying["requests"][r]["choices"] = list(reported)
            compiled = parse(lying)
            got = deferred_acceptance(compiled)[r]
            got = -1 if got == -1 else got  # openings keep their positions: same locations, same order
            assert position(truthful, r, outcome[r]) <= position(truthful, r, got), (reported, got)


def test_the_lottery_draw_depends_only_on_the_seed_and_the_ids():
    inst = {
        "format": "loket-allocation/1",
        "round": {"date": "2027-01-15"},
        "policy": flemish() | {"tie_break": "lottery", "lottery_seed": 4},
        "locations": [
            {
                "id": "A",
                "enrolled": {"total": 0, "reserve_eligible": 0},
                "openings": [
                    {
                        "id": "A1",
                        "tariff": "income",
                        "start_month": "2027-03",
                        "weekdays": [1, 2, 3, 4, 5],
                        "age_months": [0, 36],
                        "count": 3,
                    }
                ],
            }
        ],
        "requests": [
            {
                "id": f"R{i}",
                "registered_at": "2026-01-01T00:00:00",
                "child_birth": "2026-01-01",
                "start_months": ["2027-03", "2027-03"],
                "weekdays": [1],
                "tariffs": ["income"],
                "choices": ["A"],
                "flags": [],
                "sibling_at": [],
            }
            for i in range(12)
        ],
    }
    first = solve(inst)
    random.Random(0).shuffle(inst["requests"])
    assert sorted(a["request"] for a in solve(inst)["assignments"]) == sorted(
        a["request"] for a in first["assignments"]
    )
