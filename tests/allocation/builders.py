"""Small FORMAT.md instances for engine tests, with defaults that make every request eligible unless told otherwise."""

import copy

from loket.allocation.policy import FLEMISH_2014

SIMPLE_POLICY = {
    "tie_break": "registered_at",
    "lottery_seed": 0,
    "rules": {
        "income": {"priority": ["urgent", "work"], "reserve": None},
        "free": {"priority": [], "reserve": None},
    },
}


def opening(oid, *, tariff="income", start="2027-03", weekdays=(1, 2, 3, 4, 5), ages=(0, 36), count=1):
    return {
        "id": oid,
        "tariff": tariff,
        "start_month": start,
        "weekdays": list(weekdays),
        "age_months": list(ages),
        "count": count,
    }


def location(lid, *openings, total=0, eligible=0):
    return {"id": lid, "enrolled": {"total": total, "reserve_eligible": eligible}, "openings": list(openings)}


def request(
    rid,
    choices,
    *,
    registered="2026-01-01T09:00:00",
    birth="2026-01-15",
    window=("2027-01", "2027-12"),
    weekdays=(1, 2, 3),
    tariffs=("income", "free"),
    flags=(),
    sibling_at=(),
):
    return {
        "id": rid,
        "registered_at": registered,
        "child_birth": birth,
        "start_months": list(window),
        "weekdays": list(weekdays),
        "tariffs": list(tariffs),
        "choices": list(choices),
        "flags": list(flags),
        "sibling_at": list(sibling_at),
    }


def instance(locations, requests, *, policy=None, reserve=None):
    policy = copy.deepcopy(policy or SIMPLE_POLICY)
    if reserve is not None:
        policy["rules"]["income"]["reserve"] = reserve
    return {
        "format": "loket-allocation/1",
        "round": {"date": "2027-01-15"},
        "policy": policy,
        "locations": locations,
        "requests": requests,
    }


def flemish():
    return copy.deepcopy(FLEMISH_2014)


def assigned(result) -> dict[str, str]:
    return {a["request"]: a["opening"] for a in result["assignments"]}
