"""Checking a result against its instance: shape, eligibility, capacity, blocking pairs and request-optimality."""

from .instance import Instance
from .mechanisms import Admissions, deferred_acceptance

RESULT_FORMAT = "loket-allocation-result/1"


def to_result(inst: Instance, assignment: list[int]) -> dict:
    """The FORMAT.md result: assignments and unassigned requests, both in instance order."""
    assignments, unassigned = [], []
    for r, o in enumerate(assignment):
        rid = inst.request_ids[r]
        if o == -1:
            unassigned.append(rid)
        else:
            assignments.append({"request": rid, "opening": inst.opening_ids[o]})
    return {"format": RESULT_FORMAT, "assignments": assignments, "unassigned": unassigned}


def read_assignment(inst: Instance, result) -> tuple[list[int], list[str]]:
    """The assignment a result states, and every problem with its shape."""
    problems: list[str] = []
    assignment = [-1] * len(inst.request_ids)
    if not isinstance(result, dict):
        return assignment, ["result: must be a JSON object"]
    if result.get("format") != RESULT_FORMAT:
        problems.append(f"format: expected {RESULT_FORMAT!r}, not {result.get('format')!r}")
    request_index = {rid: i for i, rid in enumerate(inst.request_ids)}
    opening_index = {oid: i for i, oid in enumerate(inst.opening_ids)}
    seen: set[str] = set()
    assignments = result.get("assignments")
    unassigned = result.get("unassigned")
    if not isinstance(assignments, list) or not isinstance(unassigned, list):
        return assignment, [*problems, "result: 'assignments' and 'unassigned' must both be lists"]
    for pair in assignments:
        rid = pair.get("request") if isinstance(pair, dict) else None
        oid = pair.get("opening") if isinstance(pair, dict) else None
        if not isinstance(rid, str) or rid not in request_index:
            problems.append(f"assignment {_short(pair)}: unknown request")
            continue
        if rid in seen:
            problems.append(f"request {rid}: appears more than once")
            continue
        seen.add(rid)
        if not isinstance(oid, str) or oid not in opening_index:
            problems.append(f"request {rid}: unknown opening {_short(oid)}")
            continue
        assignment[request_index[rid]] = opening_index[oid]
    for rid in unassigned:
        if not isinstance(rid, str) or rid not in request_index:
            problems.append(f"unassigned: unknown request {_short(rid)}")
        elif rid in seen:
            problems.append(f"request {rid}: appears more than once")
        else:
            seen.add(rid)
    for rid in inst.request_ids:
        if rid not in seen:
            problems.append(f"request {rid}: missing from the result")
    return assignment, problems


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def holders(inst: Instance, assignment: list[int]) -> list[list[int]]:
    """Per opening, the priority keys of the requests assigned to it."""
    held: list[list[int]] = [[] for _ in inst.opening_ids]
    for r, o in enumerate(assignment):
        if o != -1:
            held[o].append(inst.key_at(r, o))
    return held


def preference_position(inst: Instance, request: int, opening: int) -> int | None:
    """Where an opening stands in a request's eligible list (0 = most wanted), None when not eligible."""
    try:
        return inst.prefs[request].index(opening)
    except ValueError:
        return None


def blocking_pairs(inst: Instance, assignment: list[int]) -> list[tuple[int, int]]:
    """Pairs (request, opening): eligible, preferred to the request's assignment, and the opening has a place left
    or would choose the request from its assigned requests plus this one."""
    admissions = Admissions(inst, holders(inst, assignment))
    admits = admissions.admits
    prefs, pref_keys = inst.prefs, inst.pref_keys
    found = []
    for r, own in enumerate(assignment):
        options = prefs[r]
        if own == -1:
            limit = len(options)
        else:
            limit = preference_position(inst, r, own)
            if limit is None:
                continue  # an ineligible assignment is reported as such
        keys = pref_keys[r]
        for p in range(limit):
            o = options[p]
            if admits(o, keys[p]):
                found.append((r, o))
    return found


def check(inst: Instance, result, optimal: list[int] | None = None) -> dict:
    """A verdict on a result: `ok`, the list of `problems`, and the number of `blocking_pairs`. `optimal`: the
    request-optimal stable assignment (`deferred_acceptance`) of the same instance, when the caller has it."""
    assignment, problems = read_assignment(inst, result)
    counts = [0] * len(inst.opening_ids)
    for r, o in enumerate(assignment):
        if o == -1:
            continue
        counts[o] += 1
        if preference_position(inst, r, o) is None:
            problems.append(f"request {inst.request_ids[r]}: not eligible for opening {inst.opening_ids[o]}")
    for o, count in enumerate(counts):
        if count > inst.opening_count[o]:
            problems.append(
                f"opening {inst.opening_ids[o]}: {count} requests assigned to {inst.opening_count[o]} places"
            )
    pairs = blocking_pairs(inst, assignment)
    for r, o in pairs[:20]:
        problems.append(f"blocking pair: request {inst.request_ids[r]} and opening {inst.opening_ids[o]}")
    if len(pairs) > 20:
        problems.append(f"… and {len(pairs) - 20} more blocking pairs")
    worse_off = 0
    if not problems:
        if optimal is None:
            optimal = deferred_acceptance(inst)
        for r, o in enumerate(assignment):
            best = optimal[r]
            if best != -1 and (o == -1 or inst.prefs[r].index(best) < inst.prefs[r].index(o)):
                worse_off += 1
        if worse_off:
            problems.append(f"{worse_off} requests are worse off than in the request-optimal stable result")
    return {
        "ok": not problems,
        "problems": problems,
        "blocking_pairs": len(pairs),
        "worse_than_request_optimal": worse_off,
    }
