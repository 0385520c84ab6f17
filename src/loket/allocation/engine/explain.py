"""Why each request got what it got, per choice: the family's own facts and the rule, never another family's.

For each chosen location: `assigned`; `below_assignment` (a better choice was met, so this one did not matter);
`no_fitting_place` (no free place there fits: `misfits` lists each opening's reasons, empty when the location
declared none); or `outranked` (`kept_out` names, per fitting opening, the `rule` that kept the request out: a
higher `priority_class`, the `tie_break` within the same class, or a `reserve`d place).

What is said about the families that came first is only what the rule itself says ("a family with a higher
priority under the priority classes"). Their priority class is added (`competitor_class`, with
`competitors_sharing`) only when at least DISCLOSURE_THRESHOLD of them share it: with one free place, the family
that lost it must not learn the group, the work situation or the vulnerability of the one family that got it.
"""

from .check import holders
from .instance import Instance, misfits, request_terms
from .mechanisms import choose

DISCLOSURE_THRESHOLD = 5


def explain(inst: Instance, assignment: list[int]) -> dict:
    held = holders(inst, assignment)
    location_index = {lid: i for i, lid in enumerate(inst.location_ids)}
    return {
        rid: _explain_request(inst, assignment, held, location_index, r)
        for r, rid in enumerate(inst.request_ids)
    }


def _explain_request(inst: Instance, assignment, held, location_index, r: int) -> dict:
    own = assignment[r]
    own_position = inst.prefs[r].index(own) if own != -1 and own in inst.prefs[r] else len(inst.prefs[r])
    own_location = inst.opening_location[own] if own != -1 else None
    eligible_at = {}
    for p, o in enumerate(inst.prefs[r]):
        eligible_at.setdefault(inst.opening_location[o], []).append((p, o))
    choices = []
    met = False
    terms = None
    for rank, lid in enumerate(inst.document.requests[r].choices, start=1):
        loc = location_index[lid]
        entry = {"location": lid, "rank": rank}
        fitting = eligible_at.get(loc, [])
        if met:
            entry["outcome"] = "below_assignment"
        elif not fitting:
            entry["outcome"] = "no_fitting_place"
            terms = terms or request_terms(inst, r)
            entry["misfits"] = [
                {"opening": inst.opening_ids[o], "reasons": misfits(inst, r, o, terms)}
                for o in inst.location_openings[loc]
            ]
        else:
            kept_out = [_kept_out(inst, held, r, p, o) for p, o in fitting if p < own_position]
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


def _kept_out(inst: Instance, held: list[list[int]], r: int, p: int, o: int) -> dict:
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
        # Only possible for a result that is not stable (a baseline mechanism): the place went elsewhere first.
        entry["rule"] = "mechanism"
        return entry
    # The families that kept this one out: those on reserved places after it in the order, else all chosen.
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
