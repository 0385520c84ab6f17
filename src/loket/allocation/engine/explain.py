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
from .instance import Instance, misfits
from .mechanisms import Admissions

DISCLOSURE_THRESHOLD = 5


def explain(inst: Instance, assignment: list[int]) -> dict:
    """One explanation per request, in instance order. The openings' choices are not simulated again per request:
    each opening's holders are sorted once, and what the opening would do with a newcomer is worked out once per
    (opening, slot among the holders, reserve eligibility) and shared by every request in that case."""
    explainer = _Explainer(inst, assignment)
    return {rid: explainer.request(r) for r, rid in enumerate(inst.request_ids)}


class _Explainer:
    def __init__(self, inst: Instance, assignment: list[int]):
        self.inst = inst
        self.assignment = assignment
        self.admissions = Admissions(inst, holders(inst, assignment))
        self.location_index = {lid: i for i, lid in enumerate(inst.location_ids)}
        self.n = len(inst.request_ids)
        # Per (opening, slot, eligibility): how the holders kept a newcomer out (see `_losing`).
        self.losing: dict[tuple[int, int, int], tuple | None] = {}
        self.misfit_reasons: dict[tuple[int, tuple], list[str]] = {}

    def request(self, r: int) -> dict:
        inst = self.inst
        own = self.assignment[r]
        prefs = inst.prefs[r]
        own_position = prefs.index(own) if own != -1 and own in prefs else len(prefs)
        own_location = inst.opening_location[own] if own != -1 else None
        opening_location, location_index = inst.opening_location, self.location_index
        # The eligible openings come in the order of the request's choices (compiling lists them so): each choice's
        # fitting openings are the next run of them at its location.
        p, end = 0, len(prefs)
        choices = []
        met = False
        terms = None
        for rank, lid in enumerate(inst.document.requests[r].choices, start=1):
            loc = location_index[lid]
            first = p
            while p < end and opening_location[prefs[p]] == loc:
                p += 1
            entry = {"location": lid, "rank": rank}
            if met:
                entry["outcome"] = "below_assignment"
            elif first == p:
                entry["outcome"] = "no_fitting_place"
                terms = terms or inst.request_terms[r]
                entry["misfits"] = [
                    {"opening": inst.opening_ids[o], "reasons": self.misfits(r, o, terms)}
                    for o in inst.location_openings[loc]
                ]
            else:
                kept_out = [self.kept_out(r, q, prefs[q]) for q in range(first, min(p, own_position))]
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

    def misfits(self, r: int, o: int, terms: tuple) -> list[str]:
        """`misfits`, once per (opening, terms): families share a handful of windows, weekdays, birth months and
        tariffs. The list is shared by the requests with those terms (the explanations are read, never changed)."""
        try:
            return self.misfit_reasons[o, terms]
        except KeyError:
            reasons = self.misfit_reasons[o, terms] = misfits(self.inst, r, o, terms)
            return reasons

    def kept_out(self, r: int, p: int, o: int) -> dict:
        """Why request r is not held at opening o, its p-th eligible opening: its own facts, and of the families
        that came first only the rule (and their class when at least DISCLOSURE_THRESHOLD share it)."""
        inst = self.inst
        key = inst.pref_keys[r][p]
        slot = self.admissions.slot(o, key)
        case = self.admissions.case(o, key, slot)
        try:
            losing = self.losing[case]
        except KeyError:
            losing = self.losing[case] = self._losing(o, key, slot, case)
        rule_of = inst.tariffs[inst.opening_tariff[o]]
        your_class = key // self.n
        entry = {
            "opening": inst.opening_ids[o],
            "places": inst.opening_count[o],
            "reserved": inst.opening_reserved[o],
            "your_class": rule_of.class_name(your_class),
            "your_reserve_eligible": bool(inst.eligible_for_reserve(r, o)),
            "your_position": 1 + slot,  # the holders before it, then this request
            "tie_break": inst.tie_break,
            "competitor_class": None,
        }
        if losing is None:
            # Only possible for a result that is not stable (a baseline mechanism): the place went elsewhere first.
            entry["rule"] = "mechanism"
            return entry
        by_reserve, last_class, decisive, sharing = losing
        if by_reserve:
            entry["rule"] = "reserve"
        else:
            entry["rule"] = "priority_class" if last_class < your_class else "tie_break"
        if sharing >= DISCLOSURE_THRESHOLD:
            entry["competitor_class"] = rule_of.class_name(decisive)
            entry["competitors_sharing"] = sharing
        return entry

    def _losing(self, o: int, key: int, slot: int, case) -> tuple | None:
        """None when the opening would choose the newcomer; else (kept out by the reserve, the class of the last
        family chosen, the decisive class, how many of the families that kept it out share that class). The same
        for every newcomer of this case: which holders come after it depends only on its slot."""
        n = self.n
        admitted, chosen = self.admissions.outcome(o, key, slot, case)
        if admitted:
            return None
        # The families that kept this one out: those on reserved places after it in the order, else all chosen.
        beaten_by_reserve = [other for other in chosen if other > key]
        competitors = beaten_by_reserve or chosen
        decisive = competitors[-1] // n
        sharing = sum(1 for other in competitors if other // n == decisive)
        return bool(beaten_by_reserve), chosen[-1] // n, decisive, sharing
