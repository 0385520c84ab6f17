"""The fast explanations and blocking pairs against their simple definitions (kept here as oracles): on random
instances and for every mechanism's result (stable or not), both give exactly the same answer."""

import random

from hypothesis import HealthCheck, given, settings

from loket.allocation.engine import MECHANISMS, parse
from loket.allocation.engine.check import blocking_pairs, holders, preference_position
from loket.allocation.engine.explain import DISCLOSURE_THRESHOLD, explain
from loket.allocation.engine.instance import _birth_month, _weekday_mask, month_index
from loket.allocation.engine.mechanisms import choose

from .builders import flemish
from .test_engine_properties import instances

# --- the oracles: every question answered by simulating the opening's choice again ------------------------------


def oracle_request_terms(inst, request: int) -> tuple:
    """A request's start window, weekday mask, birth month and tariffs, decoded again from its document."""
    r = inst.document.requests[request]
    return (
        month_index(r.start_months[0]),
        month_index(r.start_months[1]),
        _weekday_mask(r.weekdays),
        _birth_month(r.child_birth),
        r.tariffs,
    )


def oracle_misfits(inst, request: int, opening: int) -> list[str]:
    """Why an opening at a chosen location does not fit a request: 'start', 'weekdays', 'age', 'tariff',
    'no_places'."""
    lo, hi, weekday_mask, birth_month, tariffs = oracle_request_terms(inst, request)
    reasons = []
    start = inst.opening_start[opening]
    if not lo <= start <= hi:
        reasons.append("start")
    if weekday_mask & ~inst.opening_weekdays[opening]:
        reasons.append("weekdays")
    age = start - birth_month
    a_lo, a_hi = inst.opening_age[opening]
    if not a_lo <= age <= a_hi:
        reasons.append("age")
    if inst.tariffs[inst.opening_tariff[opening]].name not in tariffs:
        reasons.append("tariff")
    if inst.opening_count[opening] == 0:
        reasons.append("no_places")
    return reasons


def oracle_blocking_pairs(inst, assignment):
    held = holders(inst, assignment)
    found = []
    for r, own in enumerate(assignment):
        limit = len(inst.prefs[r]) if own == -1 else preference_position(inst, r, own)
        if limit is None:
            continue
        for p in range(limit):
            o = inst.prefs[r][p]
            if len(held[o]) < inst.opening_count[o]:
                found.append((r, o))
                continue
            key = inst.pref_keys[r][p]
            chosen, _ = choose(inst, o, [*held[o], key])
            if key in chosen:
                found.append((r, o))
    return found


def oracle_explain(inst, assignment):
    held = holders(inst, assignment)
    location_index = {lid: i for i, lid in enumerate(inst.location_ids)}
    return {
        rid: _oracle_request(inst, assignment, held, location_index, r)
        for r, rid in enumerate(inst.request_ids)
    }


def _oracle_request(inst, assignment, held, location_index, r):
    own = assignment[r]
    own_position = inst.prefs[r].index(own) if own != -1 and own in inst.prefs[r] else len(inst.prefs[r])
    own_location = inst.opening_location[own] if own != -1 else None
    eligible_at = {}
    for p, o in enumerate(inst.prefs[r]):
        eligible_at.setdefault(inst.opening_location[o], []).append((p, o))
    choices = []
    met = False
    for rank, lid in enumerate(inst.document.requests[r].choices, start=1):
        loc = location_index[lid]
        entry = {"location": lid, "rank": rank}
        fitting = eligible_at.get(loc, [])
        if met:
            entry["outcome"] = "below_assignment"
        elif not fitting:
            entry["outcome"] = "no_fitting_place"
            entry["misfits"] = [
                {"opening": inst.opening_ids[o], "reasons": oracle_misfits(inst, r, o)}
                for o in inst.location_openings[loc]
            ]
        else:
            kept_out = [_oracle_kept_out(inst, held, r, p, o) for p, o in fitting if p < own_position]
            if loc == own_location:
                entry["outcome"] = "assigned"
                entry["opening"] = inst.opening_ids[own]
                met = True
            else:
                entry["outcome"] = "outranked"
            if kept_out:
                entry["kept_out"] = kept_out
        choices.append(entry)
    return {"assigned": inst.opening_ids[own] if own != -1 else None, "choices": choices}


def _oracle_kept_out(inst, held, r, p, o):
    key = inst.pref_keys[r][p]
    applicants = [*held[o], key]
    chosen, _on_reserve = choose(inst, o, applicants)
    rule_of = inst.tariffs[inst.opening_tariff[o]]
    entry = {
        "opening": inst.opening_ids[o],
        "places": inst.opening_count[o],
        "reserved": inst.opening_reserved[o],
        "your_class": rule_of.class_name(inst.key_class(key)),
        "your_reserve_eligible": bool(inst.eligible_for_reserve(r, o)),
        "your_position": 1 + sum(1 for other in applicants if other < key),
        "tie_break": inst.tie_break,
        "competitor_class": None,
    }
    if key in chosen:
        entry["rule"] = "mechanism"
        return entry
    beaten_by_reserve = [other for other in chosen if other > key]
    if beaten_by_reserve:
        rule, competitors = "reserve", beaten_by_reserve
    else:
        competitors = chosen
        rule = "priority_class" if inst.key_class(chosen[-1]) < inst.key_class(key) else "tie_break"
    entry["rule"] = rule
    decisive = inst.key_class(competitors[-1])
    sharing = sum(1 for other in competitors if inst.key_class(other) == decisive)
    if sharing >= DISCLOSURE_THRESHOLD:
        entry["competitor_class"] = rule_of.class_name(decisive)
        entry["competitors_sharing"] = sharing
    return entry


# --- random instances with crowded openings: many families per place, reserves, classes shared by five or more ----


def crowded_instance(rng: random.Random) -> dict:
    months = ["2027-02", "2027-03", "2027-04"]
    locations = []
    for li in range(rng.randint(1, 4)):
        openings = [
            {
                "id": f"L{li}-{oi}",
                "tariff": rng.choice(["income", "income", "free"]),
                "start_month": rng.choice(months),
                "weekdays": rng.choice([[1, 2, 3, 4, 5], [1, 2, 3]]),
                "age_months": rng.choice([[0, 36], [6, 36]]),
                "count": rng.choice([0, 1, 2, 5, 7, 9]),
            }
            for oi in range(rng.randint(1, 3))
        ]
        total = rng.randint(0, 30)
        locations.append(
            {
                "id": f"L{li}",
                "enrolled": {"total": total, "reserve_eligible": rng.randint(0, total // 2)},
                "openings": openings,
            }
        )
    ids = [loc["id"] for loc in locations]
    flags = ["work", "single_parent", "low_income", "vulnerable", "urgent"]
    requests = []
    for ri in range(rng.randint(1, 60)):
        choices = rng.sample(ids, rng.randint(1, len(ids)))
        start = rng.randint(0, 2)
        requests.append(
            {
                "id": f"R{ri}",
                "registered_at": f"2026-0{rng.randint(1, 9)}-{rng.randint(10, 28)}T09:00:00",
                "child_birth": rng.choice(["2026-01-15", "2026-09-01"]),
                "start_months": [months[start], months[rng.randint(start, 2)]],
                "weekdays": rng.choice([[1, 2, 3], [1, 2], [1, 2, 3, 4, 5]]),
                "tariffs": rng.choice([["income"], ["free"], ["income", "free"]]),
                "choices": choices,
                "flags": [f for f in flags if rng.random() < (0.7 if f == "work" else 0.15)],
                "sibling_at": rng.sample(ids, 1) if rng.random() < 0.1 else [],
            }
        )
    policy = flemish()
    policy["tie_break"] = rng.choice(["registered_at", "lottery"])
    policy["lottery_seed"] = rng.randint(0, 9)
    policy["rules"]["income"]["reserve"] = {
        "target_share": rng.choice([0.2, 0.34, 0.5]),
        "eligible": ["vulnerable"],
        "precedence": rng.choice(["open_first", "reserve_first"]),
    }
    return {
        "format": "loket-allocation/1",
        "round": {"date": "2027-01-15"},
        "policy": policy,
        "locations": locations,
        "requests": requests,
    }


def assert_same_as_oracles(document):
    inst = parse(document)
    for mechanism in MECHANISMS.values():
        assignment = mechanism(inst)
        assert blocking_pairs(inst, assignment) == oracle_blocking_pairs(inst, assignment)
        assert explain(inst, assignment) == oracle_explain(inst, assignment)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_explanations_and_blocking_pairs_match_their_simple_definitions(document):
    assert_same_as_oracles(document)


def test_on_crowded_instances_too():
    rng = random.Random(16)
    shared, by_reserve, by_mechanism = 0, 0, 0
    for _ in range(300):
        document = crowded_instance(rng)
        assert_same_as_oracles(document)
        inst = parse(document)
        for mechanism in MECHANISMS.values():
            for why in explain(inst, mechanism(inst)).values():
                for choice in why["choices"]:
                    for item in choice.get("kept_out", []):
                        shared += "competitors_sharing" in item
                        by_reserve += item["rule"] == "reserve"
                        by_mechanism += item["rule"] == "mechanism"
    # The random instances reach every branch the oracles have.
    assert shared and by_reserve and by_mechanism
