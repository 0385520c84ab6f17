"""The opening's choice function and the three mechanisms: deferred acceptance (the contract), first come first
served and immediate acceptance ("Boston"), the last two only to show in numbers what the contract buys.

A mechanism returns one opening position per request (or -1). Priority keys are ints: lower is served first.
"""

from bisect import bisect_left, insort

from .instance import OPEN_FIRST, Instance


def choose(inst: Instance, opening: int, keys) -> tuple[list[int], set[int]]:
    """FORMAT.md's choice of an opening among applicants (priority keys): the chosen keys, best first, and the
    subset that took a reserved place because they are reserve-eligible."""
    keys = sorted(keys)
    q, k = inst.opening_count[opening], inst.opening_reserved[opening]
    if k == 0:
        return keys[:q], set()
    eligible = inst.reserve_eligible[inst.opening_tariff[opening]]
    by_rank, n = inst.by_rank, len(inst.request_ids)

    def is_eligible(key):
        return eligible[by_rank[key % n]]

    if inst.opening_precedence[opening] == OPEN_FIRST:
        chosen = keys[: q - k]
        rest = keys[q - k :]
    else:
        chosen, rest = [], keys
    on_reserve = [key for key in rest if is_eligible(key)][:k]
    taken = set(on_reserve)
    rest = [key for key in rest if key not in taken]
    if inst.opening_precedence[opening] == OPEN_FIRST:
        chosen += on_reserve + rest[: k - len(on_reserve)]
    else:
        chosen = on_reserve + rest[: q - len(on_reserve)]
    return sorted(chosen), taken


class Admissions:
    """`choose` for an opening's holders plus one newcomer, for every (request, opening) a check or an explanation
    asks about, without sorting and choosing again each time.

    The holders S of an opening are fixed; a newcomer's key x is not among them. `choose(S ∪ {x})` compares keys
    only by their order and looks only at reserve eligibility, so its outcome depends on x's slot among S (how many
    holders come before it) and, where the opening reserves places, on x's eligibility: each (opening, slot,
    eligibility) is worked out once with `choose` itself, and every other newcomer in that slot reads the answer."""

    __slots__ = ("_eligible", "_inst", "_memo", "_n", "held")

    def __init__(self, inst: Instance, held: list[list[int]]):
        self._inst = inst
        self._n = len(inst.request_ids)
        self._eligible = inst.reserve_eligible
        self.held = [sorted(keys) for keys in held]
        self._memo: dict[tuple[int, int, int], tuple[bool, list[int]]] = {}

    def slot(self, opening: int, key: int) -> int:
        """How many holders of the opening come before `key`."""
        return bisect_left(self.held[opening], key)

    def case(self, opening: int, key: int, slot: int) -> tuple[int, int, int]:
        """What the outcome for `key` at `slot` depends on: (opening, slot, eligibility where it counts)."""
        inst = self._inst
        if inst.opening_reserved[opening]:
            return opening, slot, self._eligible[inst.opening_tariff[opening]][inst.by_rank[key % self._n]]
        return opening, slot, 0  # without reserved places eligibility plays no part: one answer per slot

    def outcome(self, opening: int, key: int, slot: int, memo: tuple | None = None) -> tuple[bool, list[int]]:
        """Whether the opening would choose `key` (at `slot`) over its holders, and the holders it chooses beside
        or instead of it, best first. `memo`: the `case`, when the caller has it already."""
        inst = self._inst
        memo = memo or self.case(opening, key, slot)
        try:
            return self._memo[memo]
        except KeyError:
            pass
        chosen, _on_reserve = choose(inst, opening, [*self.held[opening], key])
        answer = (key in chosen, [other for other in chosen if other != key])
        self._memo[memo] = answer
        return answer

    def admits(self, opening: int, key: int) -> bool:
        """Would the opening choose `key` over (some of) its holders, or does it have a place left?"""
        held = self.held[opening]
        places = self._inst.opening_count[opening]
        if len(held) < places:
            return True
        if not self._inst.opening_reserved[opening]:
            return key < held[places - 1]  # the best `places` keys are chosen
        return self.outcome(opening, key, bisect_left(held, key))[0]


def deferred_acceptance(inst: Instance) -> list[int]:
    """Request-proposing deferred acceptance. The choice functions are substitutable and satisfy the law of
    aggregate demand, so the outcome does not depend on the order of proposals: it is the request-optimal stable
    result. An opening holds a sorted list of keys; a proposal to a full opening rejects exactly one key."""
    n = len(inst.request_ids)
    prefs, pref_keys = inst.prefs, inst.pref_keys
    capacity, reserved, precedence = inst.opening_count, inst.opening_reserved, inst.opening_precedence
    tariff, eligible_by_tariff, by_rank = inst.opening_tariff, inst.reserve_eligible, inst.by_rank
    held: list[list[int]] = [[] for _ in capacity]
    eligible_held = [0] * len(capacity)  # reserve-eligible keys held, for reserve-first openings
    pointer = [0] * n
    free = list(range(n))
    while free:
        r = free.pop()
        p = pointer[r]
        options, keys = prefs[r], pref_keys[r]
        end = len(options)
        while p < end:
            o = options[p]
            key = keys[p]
            p += 1
            h = held[o]
            q = capacity[o]
            k = reserved[o]
            if k == 0:
                if len(h) < q:
                    insort(h, key)
                    break
                if key > h[-1]:
                    continue
                insort(h, key)
                loser = h.pop()
            else:
                eligible = eligible_by_tariff[tariff[o]]
                if eligible[by_rank[key % n]]:
                    eligible_held[o] += 1
                insort(h, key)
                if len(h) <= q:
                    break
                if precedence[o] == OPEN_FIRST:
                    # The best q-k hold the open places; of the rest, a non-eligible key goes first.
                    at = q
                    while at >= q - k and eligible[by_rank[h[at] % n]]:
                        at -= 1
                    loser = h.pop(at if at >= q - k else q)
                elif eligible_held[o] > k:
                    loser = h.pop()  # more eligible than reserved: the worst key of all is not needed
                else:
                    at = q
                    while eligible[by_rank[h[at] % n]]:
                        at -= 1
                    loser = h.pop(at)
                if eligible[by_rank[loser % n]]:
                    eligible_held[o] -= 1
            loser_request = by_rank[loser % n]
            if loser_request != r:
                free.append(loser_request)
                break
        pointer[r] = p
    return _assignment_from_held(inst, held)


def _assignment_from_held(inst: Instance, held: list[list[int]]) -> list[int]:
    n = len(inst.request_ids)
    by_rank = inst.by_rank
    assignment = [-1] * n
    for o, keys in enumerate(held):
        for key in keys:
            assignment[by_rank[key % n]] = o
    return assignment


def first_come_first_served(inst: Instance) -> list[int]:
    """What many providers do by hand: openings in start order, each to its earliest registered eligible
    applicants not placed yet, ignoring priority classes, the reserve and the families' ranking."""
    n = len(inst.request_ids)
    applicants: list[list[int]] = [[] for _ in inst.opening_ids]
    for r in range(n):
        for o in inst.prefs[r]:
            applicants[o].append(r)
    registered = [req.registered_at for req in inst.document.requests]
    assignment = [-1] * n
    for o in sorted(range(len(inst.opening_ids)), key=lambda o: inst.opening_start[o]):
        left = inst.opening_count[o]
        for r in sorted(applicants[o], key=lambda r: (registered[r], inst.request_ids[r])):
            if left == 0:
                break
            if assignment[r] == -1:
                assignment[r] = o
                left -= 1
    return assignment


def immediate_acceptance(inst: Instance) -> list[int]:
    """The 'Boston' mechanism: in step s every unplaced request applies to its s-th acceptable opening, and each
    opening accepts for good the best applicants of that step for the places it has left, reserve included."""
    n = len(inst.request_ids)
    prefs, pref_keys = inst.prefs, inst.pref_keys
    assignment = [-1] * n
    left = list(inst.opening_count)
    eligible_taken = [0] * len(left)
    active = [
        r for r in range(n) if prefs[r]
    ]  # unplaced, with an opening left to apply to (in request order)
    step = 0
    while active:
        applications: dict[int, list[int]] = {}
        for r in active:
            o = prefs[r][step]
            if o in applications:
                applications[o].append(pref_keys[r][step])
            else:
                applications[o] = [pref_keys[r][step]]
        for o, keys in applications.items():
            if left[o] == 0:
                continue
            chosen = _choose_for_remaining(inst, o, keys, left[o], eligible_taken[o])
            for key in chosen:
                r = inst.key_request(key)
                assignment[r] = o
                if inst.reserve_eligible[inst.opening_tariff[o]][r]:
                    eligible_taken[o] += 1
            left[o] -= len(chosen)
        step += 1
        active = [r for r in active if assignment[r] == -1 and step < len(prefs[r])]
    return assignment


def _choose_for_remaining(
    inst: Instance, o: int, keys: list[int], places: int, eligible_taken: int
) -> list[int]:
    """The opening's choice among one step's applicants, for the places still free and the reserve still unmet."""
    keys = sorted(keys)
    still_reserved = max(0, min(places, inst.opening_reserved[o] - eligible_taken))
    if still_reserved == 0 or len(keys) <= places:
        return keys[:places]
    eligible = inst.reserve_eligible[inst.opening_tariff[o]]
    open_places = places - still_reserved
    chosen = keys[:open_places]
    rest = keys[open_places:]
    on_reserve = [key for key in rest if eligible[inst.key_request(key)]][:still_reserved]
    rest = [key for key in rest if key not in set(on_reserve)]
    return chosen + on_reserve + rest[: still_reserved - len(on_reserve)]


MECHANISMS = {
    "da": deferred_acceptance,
    "fcfs": first_come_first_served,
    "boston": immediate_acceptance,
}
