"""Why each request got what it got, per choice, without personal data of any other family.

For each chosen location: `assigned`; `below_assignment` (a better choice was met, so this one did not matter);
`no_fitting_place` (no free place there fits: `misfits` lists each opening's reasons, empty when the location
declared none); or `outranked` (`kept_out` names, per fitting opening, the rule that kept the request out: the
competitor's higher `priority_class`, the `tie_break` within the same class, or a `reserve`d place going to a
reserve-eligible family; the competitor is described only by its class and whether it is reserve-eligible).
"""

from .check import holders
from .instance import Instance, misfits
from .mechanisms import choose


def explain(inst: Instance, assignment: list[int]) -> dict:
    held = holders(inst, assignment)
    explanations = {}
    for r, rid in enumerate(inst.request_ids):
        explanations[rid] = _explain_request(inst, assignment, held, r)
    return explanations


def _explain_request(inst: Instance, assignment: list[int], held: list[list[int]], r: int) -> dict:
    own = assignment[r]
    own_position = inst.prefs[r].index(own) if own != -1 and own in inst.prefs[r] else len(inst.prefs[r])
    own_location = inst.opening_location[own] if own != -1 else None
    eligible_at = {}
    for p, o in enumerate(inst.prefs[r]):
        eligible_at.setdefault(inst.opening_location[o], []).append((p, o))
    location_index = {lid: i for i, lid in enumerate(inst.location_ids)}
    choices = []
    met = False
    for rank, lid in enumerate(inst.raw["requests"][r]["choices"], start=1):
        loc = location_index[lid]
        entry = {"location": lid, "rank": rank}
        fitting = eligible_at.get(loc, [])
        if met:
            entry["outcome"] = "below_assignment"
        elif not fitting:
            entry["outcome"] = "no_fitting_place"
            entry["misfits"] = [
                {"opening": inst.opening_ids[o], "reasons": misfits(inst, r, o)}
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
    chosen, on_reserve = choose(inst, o, applicants)
    rule_of = inst.tariffs[inst.opening_tariff[o]]
    eligible = inst.reserve_eligible[inst.opening_tariff[o]]
    entry = {
        "opening": inst.opening_ids[o],
        "places": inst.opening_count[o],
        "reserved": inst.opening_reserved[o],
        "your_class": rule_of.class_name(inst.key_class(key)),
        "your_reserve_eligible": bool(eligible[r]),
        "your_position": 1 + sum(1 for other in applicants if other < key),
        "tie_break": inst.tie_break,
    }
    if key in chosen:
        # Only possible for a result that is not stable (a baseline mechanism): the place went elsewhere first.
        entry.update(rule="mechanism", competitor_class=None, competitor_reserve_eligible=None)
        return entry
    beaten_by_reserve = [other for other in chosen if other > key]
    if beaten_by_reserve:
        competitor, rule = beaten_by_reserve[-1], "reserve"
    else:
        competitor = chosen[-1]
        rule = "priority_class" if inst.key_class(competitor) < inst.key_class(key) else "tie_break"
    entry.update(
        rule=rule,
        competitor_class=rule_of.class_name(inst.key_class(competitor)),
        competitor_reserve_eligible=bool(eligible[inst.key_request(competitor)]),
        competitor_took_reserved_place=competitor in on_reserve,
    )
    return entry
