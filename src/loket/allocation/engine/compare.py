"""The policy simulator: every mechanism on one instance, side by side, in the numbers a desk cares about."""

from .check import blocking_pairs
from .instance import Instance
from .mechanisms import MECHANISMS


def reserve_eligibility(inst: Instance) -> list[bool]:
    """Per request: reserve-eligible under any tariff's reserve rule (the Flemish rules have one: vulnerable
    families)."""
    eligible = [False] * len(inst.request_ids)
    for flags in inst.reserve_eligible:
        eligible = [a or bool(b) for a, b in zip(eligible, flags, strict=True)]
    return eligible


def statistics(
    inst: Instance, mechanism: str, assignment: list[int], eligible: list[bool] | None = None
) -> dict:
    """The figures of one mechanism's assignment. `eligible`: `reserve_eligibility(inst)`, when the caller has it."""
    n = len(inst.request_ids)
    placed = [r for r in range(n) if assignment[r] != -1]
    ranks = [inst.preference_rank(r, assignment[r]) + 1 for r in placed]
    if eligible is None:
        eligible = reserve_eligibility(inst)
    applicants_share = sum(eligible) / n if n else 0.0
    placed_share = sum(eligible[r] for r in placed) / len(placed) if placed else 0.0
    per_class: dict[str, int] = {}
    for r in placed:
        o = assignment[r]
        rule = inst.tariffs[inst.opening_tariff[o]]
        name = f"{rule.name}:{rule.class_name(inst.class_at(r, o)) or 'none'}"
        per_class[name] = per_class.get(name, 0) + 1
    eligible_placed = sum(eligible[r] for r in placed)
    return {
        "mechanism": mechanism,
        "requests": n,
        "placed": len(placed),
        "first_choice": sum(1 for rank in ranks if rank == 1),
        "mean_rank": round(sum(ranks) / len(ranks), 3) if ranks else None,
        "blocking_pairs": len(blocking_pairs(inst, assignment)),
        "reserve_eligible_applicants": sum(eligible),
        "reserve_eligible_placed": eligible_placed,
        "reserve_share_applicants": round(applicants_share, 4),
        "reserve_share_placed": round(placed_share, 4),
        "reserve_placement_rate": round(eligible_placed / sum(eligible), 4) if sum(eligible) else None,
        "matthew_ratio": round(placed_share / applicants_share, 3) if applicants_share else None,
        "placed_per_class": dict(sorted(per_class.items())),
    }


def compare(inst: Instance) -> list[dict]:
    eligible = reserve_eligibility(inst)
    return [statistics(inst, name, mechanism(inst), eligible) for name, mechanism in MECHANISMS.items()]


def format_table(rows: list[dict]) -> str:
    """A plain-text table for the terminal: one column per mechanism."""
    lines = [
        ("", [row["mechanism"] for row in rows]),
        ("requests", [row["requests"] for row in rows]),
        ("placed", [row["placed"] for row in rows]),
        ("first choice", [row["first_choice"] for row in rows]),
        ("mean rank of placed", [row["mean_rank"] for row in rows]),
        ("blocking pairs", [row["blocking_pairs"] for row in rows]),
        ("reserve-eligible among applicants", [f"{row['reserve_share_applicants']:.1%}" for row in rows]),
        ("reserve-eligible among placed", [f"{row['reserve_share_placed']:.1%}" for row in rows]),
        ("reserve-eligible placed / applied", [_percent(row["reserve_placement_rate"]) for row in rows]),
        ("Matthew ratio (placed / applicants share)", [row["matthew_ratio"] for row in rows]),
    ]
    classes = sorted({name for row in rows for name in row["placed_per_class"]})
    for name in classes:
        lines.append((f"placed, class {name}", [row["placed_per_class"].get(name, 0) for row in rows]))
    width = max(len(label) for label, _ in lines)
    out = []
    for label, values in lines:
        out.append(label.ljust(width) + "".join(f"{'' if v is None else v!s:>10}" for v in values))
    return "\n".join(out)


def _percent(value) -> str:
    return "" if value is None else f"{value:.1%}"
