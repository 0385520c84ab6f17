"""Loket's allocation engine: pure Python, no Django, implementing ../shared/allocation/FORMAT.md.

    solve(instance, mechanism="da", explain=False) -> result dict
    check(instance, result) -> {"ok", "problems", "blocking_pairs", "worse_than_request_optimal"}
    compare(instance) -> one row of figures per mechanism

`instance` is the decoded JSON document (a dict); bad input raises InstanceError before any work is done.
"""

from .check import check as _check
from .check import to_result
from .compare import compare as _compare
from .explain import explain as _explain
from .instance import Instance, InstanceError, parse
from .mechanisms import MECHANISMS

__all__ = ["MECHANISMS", "Instance", "InstanceError", "check", "compare", "parse", "solve"]


def solve(instance, *, mechanism: str = "da", explain: bool = False) -> dict:
    if mechanism not in MECHANISMS:
        raise InstanceError([f"mechanism: {mechanism!r} is not one of {', '.join(MECHANISMS)}"])
    inst = instance if isinstance(instance, Instance) else parse(instance)
    assignment = MECHANISMS[mechanism](inst)
    result = to_result(inst, assignment)
    if mechanism != "da":
        result["mechanism"] = mechanism
    if explain:
        result["explanations"] = _explain(inst, assignment)
    return result


def check(instance, result) -> dict:
    inst = instance if isinstance(instance, Instance) else parse(instance)
    return _check(inst, result)


def compare(instance) -> list[dict]:
    inst = instance if isinstance(instance, Instance) else parse(instance)
    return _compare(inst)
