"""The desk's priority rules in plain words, generated from the policy the allocation engine uses.

Nothing here is written by hand per rule: `explain_policy` reads the policy in force (`policy_for_desk`) and turns
each priority class, the tie-break and the reserve into sentences, so the information page can never say something
else than what the engine does. A flag this module has no words for is shown by its name rather than left out.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from loket.allocation.policy import policy_for_desk
from loket.supply.choices import Tariff

FLAG_WORDS = {
    "urgent": _("the desk decided the situation is urgent"),
    "work": _(
        "you need childcare for work, to look for work, for job-oriented training, civic integration or Dutch lessons"
    ),
    "work_four_fifths": _("you work or train on average at least 4/5 of full time"),
    "single_parent": _("you are a single parent"),
    "low_income": _("your joint taxable income is below the threshold"),
    "health_or_care": _("someone in the family has a disability or needs care, or there are social reasons"),
    "no_diploma": _("neither parent has a secondary-school diploma"),
    "foster": _("the child is a foster child"),
    "sibling": _("a brother or sister of the child already goes to that location"),
    "vulnerable": _("you are a vulnerable family (see below)"),
    "partner_advice": _("a partner organisation advised the desk to give you priority"),
}

TARIFF_WORDS = {
    Tariff.INCOME: _("Places with an income-related tariff"),
    Tariff.FREE: _("Places with a free price"),
}


@dataclass
class PriorityGroup:
    number: int
    # Each alternative is a list of conditions that must all hold; one alternative is enough. Conditions every
    # alternative shares are put in `common` so that a sentence names them once.
    alternatives: list[list[str]]
    common: list[str] = field(default_factory=list)


@dataclass
class Reserve:
    percent: Decimal
    eligible: list[str]
    open_first: bool


@dataclass
class TariffRules:
    tariff: str
    title: str
    groups: list[PriorityGroup] = field(default_factory=list)
    reserve: Reserve | None = None


@dataclass
class PlainPolicy:
    name: str
    effective_from: date
    lottery: bool
    tariffs: list[TariffRules]


def _flag_words(flag: str):
    return FLAG_WORDS.get(flag, flag)


def _percent(share) -> Decimal:
    value = (Decimal(str(share)) * 100).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _group(number: int, when: list[list[str]]) -> PriorityGroup:
    common: list[str] = []
    if len(when) > 1:
        common = [flag for flag in when[0] if all(flag in alternative for alternative in when[1:])]
        rests = [[flag for flag in alternative if flag not in common] for alternative in when]
        if all(rests):
            when = rests
        else:
            common = []
    return PriorityGroup(
        number,
        [[_flag_words(flag) for flag in alternative] for alternative in when],
        [_flag_words(flag) for flag in common],
    )


def explain_policy(policy: dict, *, name: str = "", effective_from: date | None = None) -> PlainPolicy:
    """A FORMAT.md policy object in plain words."""
    tariffs = []
    rules = policy.get("rules", {})
    for tariff in (Tariff.INCOME, Tariff.FREE):
        rule = rules.get(tariff)
        if rule is None:
            continue
        section = TariffRules(tariff=tariff, title=TARIFF_WORDS[tariff])
        for number, entry in enumerate(rule.get("priority", []), start=1):
            when = [[entry]] if isinstance(entry, str) else entry.get("when", [[entry.get("name", "")]])
            section.groups.append(_group(number, when))
        reserve = rule.get("reserve")
        if reserve:
            section.reserve = Reserve(
                percent=_percent(reserve["target_share"]),
                eligible=[_flag_words(flag) for flag in reserve.get("eligible", [])],
                open_first=reserve.get("precedence", "open_first") == "open_first",
            )
        tariffs.append(section)
    return PlainPolicy(
        name=name,
        effective_from=effective_from,
        lottery=policy.get("tie_break") == "lottery",
        tariffs=tariffs,
    )


def desk_policy_in_words(desk, *, on: date) -> PlainPolicy:
    version = policy_for_desk(desk, on)
    return explain_policy(version.policy, name=version.name, effective_from=version.effective_from)
