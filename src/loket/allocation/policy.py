"""The priority rules a desk applies, versioned by the date they take effect.

Each version is a FORMAT.md `policy` object (tie-break, priority classes and reserve per tariff). None carries a
`lottery_seed`: each round draws its own when it is prepared (services.round_prepare, engine/lottery.py). The Flemish
rules changed on 1 April 2024 and went back on 30 April 2025 (Constitutional Court), so rounds and old data are
read with the version in force on their date. `policy_for_desk` is the one way to ask which rules apply; desks
may configure their own versions (stored by the allocation app), otherwise the Flemish defaults below apply.
"""

import copy
from dataclasses import dataclass
from datetime import date

# Absolute priority for the work situation (read broadly), then further priority for single parents, low income,
# foster children and siblings; 20 % of the children from vulnerable families, with open places filled first.
FLEMISH_2014 = {
    "tie_break": "registered_at",
    "rules": {
        "income": {
            "priority": [
                "urgent",
                {
                    "name": "work_and_group",
                    "when": [
                        ["work", "single_parent"],
                        ["work", "low_income"],
                        ["work", "foster"],
                        ["work", "sibling"],
                    ],
                },
                "work",
                {"name": "group", "when": [["single_parent"], ["low_income"], ["foster"], ["sibling"]]},
            ],
            "reserve": {"target_share": 0.2, "eligible": ["vulnerable"], "precedence": "open_first"},
        },
        "free": {"priority": ["sibling", "work"], "reserve": None},
    },
}

# 1 April 2024 – 30 April 2025 (annulled): absolute priority for families working or training on average at least
# 4/5, siblings present at the same time and foster children; up to 10 % by deviation on a partner's advice.
FLEMISH_2024 = {
    "tie_break": "registered_at",
    "rules": {
        "income": {
            "priority": [
                "urgent",
                {
                    "name": "work_four_fifths_sibling_foster",
                    "when": [["work_four_fifths"], ["sibling"], ["foster"]],
                },
            ],
            "reserve": {"target_share": 0.1, "eligible": ["partner_advice"], "precedence": "open_first"},
        },
        "free": {"priority": ["sibling", "work"], "reserve": None},
    },
}


@dataclass(frozen=True)
class PolicyVersion:
    effective_from: date
    name: str
    policy: dict


# Names in Dutch: they are the official rules' names, stored with each round and shown to desk workers as they are.
FLEMISH_VERSIONS = (
    PolicyVersion(date(2014, 4, 1), "Vlaamse voorrangsregels 2014", FLEMISH_2014),
    PolicyVersion(date(2024, 4, 1), "Vlaamse voorrangsregels april 2024 (vernietigd)", FLEMISH_2024),
    PolicyVersion(
        date(2025, 4, 30), "Vlaamse voorrangsregels, hersteld door het Grondwettelijk Hof", FLEMISH_2014
    ),
)


def version_on(versions, on: date) -> PolicyVersion:
    """The version in force on a date: the latest one whose effective date is not after it."""
    in_force = [v for v in versions if v.effective_from <= on]
    if not in_force:
        raise LookupError(f"No priority rules were in force on {on.isoformat()}.")
    return max(in_force, key=lambda v: v.effective_from)


def policy_for_desk(desk, on: date) -> PolicyVersion:
    """The rules `desk` applies on `on`: its own configured versions when it has any, else the Flemish ones."""
    versions = list(desk_policy_versions(desk)) or list(FLEMISH_VERSIONS)
    version = version_on(versions, on)
    return PolicyVersion(version.effective_from, version.name, copy.deepcopy(version.policy))


def desk_policy_versions(desk):
    """Versions the desk configured itself. Filled in by the allocation app's stored policies, when present."""
    model = _stored_policy_model()
    if model is None or desk is None:
        return ()
    return tuple(
        PolicyVersion(row.effective_from, row.name, row.policy)
        for row in model.objects.filter(desk=desk).order_by("effective_from")
    )


def _stored_policy_model():
    from django.apps import apps

    try:
        return apps.get_model("allocation", "DeskPolicy")
    except LookupError:
        return None
