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
from .instance import Instance
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
        # Per location, its openings' facts `misfits` compares, in the location's order.
        self.location_facts = [
            [
                (
                    inst.opening_ids[o],
                    inst.opening_start[o],
                    inst.opening_weekdays[o],
                    *inst.opening_age[o],
                    inst.tariffs[inst.opening_tariff[o]].name,
                    inst.opening_count[o] == 0,
                )
                for o in openings
            ]
            for openings in inst.location_openings
        ]

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
        terms = None  # the request's `request_terms`, when a choice needs them
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
                entry["misfits"] = self.misfits(loc, terms or inst.request_terms[r])
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

    def misfits(self, loc: int, terms: tuple) -> list[dict]:
        """`misfits` of each opening at a location, for a request's terms: the same tests, on the openings' facts
        read once (three in four choices of a Flanders round end here)."""
        lo, hi, mask, born, tariffs = terms
        found = []
        for opening_id, start, days, a_lo, a_hi, tariff, empty in self.location_facts[loc]:
            reasons = []
            if not lo <= start <= hi:
                reasons.append("start")
            if mask & ~days:
                reasons.append("weekdays")
            if not a_lo <= start - born <= a_hi:
                reasons.append("age")
            if tariff not in tariffs:
                reasons.append("tariff")
            if empty:
                reasons.append("no_places")
            found.append({"opening": opening_id, "reasons": reasons})
        return found

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
