"""The facts the priority rules use, and the Flemish definition of a vulnerable family derived from them.

A family is vulnerable when it meets at least 2 of these 5 criteria, at least one of them being low income,
a health or care situation, or no secondary-school diploma (domain.md, "vulnerable"). Foster children and
siblings give priority but are not vulnerability criteria.
"""

from dataclasses import dataclass
from itertools import combinations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

VULNERABILITY_CRITERIA = ("work", "single_parent", "low_income", "health_or_care", "no_diploma")
VULNERABILITY_KEY_CRITERIA = ("low_income", "health_or_care", "no_diploma")

FACT_LABELS = {
    "work": _("Needs childcare for work, job search, job-oriented training or integration/Dutch lessons"),
    "single_parent": _("Single parent"),
    "low_income": _("Joint taxable income below the threshold"),
    "health_or_care": _("A family member with a disability or care needs, or social or pedagogical reasons"),
    "no_diploma": _("Neither parent has a secondary-school diploma"),
    "foster": _("Foster child"),
}


@dataclass(frozen=True)
class PriorityFacts:
    work: bool = False
    single_parent: bool = False
    low_income: bool = False
    health_or_care: bool = False
    no_diploma: bool = False
    foster: bool = False

    @property
    def vulnerable(self) -> bool:
        met = [name for name in VULNERABILITY_CRITERIA if getattr(self, name)]
        return len(met) >= 2 and any(name in VULNERABILITY_KEY_CRITERIA for name in met)

    def flags(self) -> list[str]:
        """The flags an allocation instance carries (FORMAT.md): the facts that hold, plus derived ones."""
        flags = [name for name in (*VULNERABILITY_CRITERIA, "foster") if getattr(self, name)]
        if self.vulnerable:
            flags.append("vulnerable")
        return flags


def vulnerable_condition(prefix: str = "") -> Q:
    """The same rule as `PriorityFacts.vulnerable`, as a SQL condition on request rows (`prefix` for joins)."""
    key = Q()
    for name in VULNERABILITY_KEY_CRITERIA:
        key |= Q(**{f"{prefix}{name}": True})
    at_least_two = Q()
    for first, second in combinations(VULNERABILITY_CRITERIA, 2):
        at_least_two |= Q(**{f"{prefix}{first}": True, f"{prefix}{second}": True})
    return key & at_least_two
