"""Loket's allocation engine: pure Python, no Django, implementing ../shared/allocation/FORMAT.md.

    solve(instance, mechanism="da", explain=False, seed=None) -> result dict
    solve_with_assignment(instance, mechanism="da", seed=None) -> (result dict, assignment); explain(instance, assignment)
    check(instance, result, seed=None) -> {"ok", "problems", "blocking_pairs", "worse_than_request_optimal"}
    compare(instance, seed=None) -> one row of figures per mechanism
    policy_problems(policy) -> the problems of a FORMAT.md policy object ([] when valid)

`instance` is JSON text (bytes or str) or the same data decoded (a dict); `seed` replaces the policy's
`lottery_seed` (a round's seed, revealed after its run: see lottery.py). Bad input raises InstanceError before any
work is done.
"""

from . import lottery
from .check import check as _check
from .check import to_result
from .compare import compare as _compare
from .explain import explain as _explain
from .instance import Instance, InstanceError, parse, policy_problems, without_garbage_collection
from .mechanisms import MECHANISMS

__all__ = [
    "MECHANISMS",
    "Instance",
    "InstanceError",
    "check",
    "compare",
    "explain",
    "lottery",
    "parse",
    "policy_problems",
    "solve",
    "solve_with_assignment",
    "without_garbage_collection",
]


def _compiled(instance, seed) -> Instance:
    return instance if isinstance(instance, Instance) else parse(instance, seed=seed)


def solve(instance, *, mechanism: str = "da", explain: bool = False, seed=None) -> dict:
    if mechanism not in MECHANISMS:
        raise InstanceError([f"mechanism: {mechanism!r} is not one of {', '.join(MECHANISMS)}"])
    inst = _compiled(instance, seed)
    assignment = MECHANISMS[mechanism](inst)
    result = to_result(inst, assignment)
    if mechanism != "da":
        result["mechanism"] = mechanism
    if explain:
        result["explanations"] = _explain(inst, assignment)
    return result


def solve_with_assignment(instance, *, mechanism: str = "da", seed=None) -> tuple[dict, list[int]]:
    """`solve` without explanations, with the engine's assignment too, so `explain` can follow as a step of its own
    (a round's job shows solving, checking and explaining apart) without solving again."""
    if mechanism not in MECHANISMS:
        raise InstanceError([f"mechanism: {mechanism!r} is not one of {', '.join(MECHANISMS)}"])
    inst = _compiled(instance, seed)
    assignment = MECHANISMS[mechanism](inst)
    result = to_result(inst, assignment)
    if mechanism != "da":
        result["mechanism"] = mechanism
    return result, assignment


def explain(instance, assignment: list[int], *, seed=None) -> dict:
    """The explanations of an assignment `solve_with_assignment` gave for the same instance."""
    return _explain(_compiled(instance, seed), assignment)


def check(instance, result, *, seed=None, optimal: list[int] | None = None) -> dict:
    """`optimal`: the assignment of deferred acceptance on the same instance (`solve_with_assignment`), when the
    caller has it; otherwise the check solves it again."""
    return _check(_compiled(instance, seed), result, optimal)


def compare(instance, *, seed=None) -> list[dict]:
    return _compare(_compiled(instance, seed))
