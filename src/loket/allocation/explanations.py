"""The engine's explanations in plain language, for one request (the family) or one proposal (the provider).

A family reads its own facts and the rule that decided; about the families that came before it, only what the rule
says, and their priority group only when at least five of them share it. Never who else applied.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from loket.supply.selectors import locations_with_ids

from .engine.explain import DISCLOSURE_THRESHOLD
from .instance import parse_id
from .ranking import class_label

MISFIT_REASONS = {
    "age": _("your child's age at the start of the place"),
    "weekdays": _("the days of the week you need"),
    "start": _("the start month you asked for"),
    "tariff": _("the tariff you accept"),
}

OUTCOME_TITLES = {
    "assigned": _("You were offered a place here."),
    "below_assignment": _("Not needed: you were offered a place you ranked higher."),
    "no_fitting_place": _("No free place here fitted your request in this round."),
    "outranked": _("The free places here went to families who come before you under the rules."),
}


@dataclass
class ChoiceExplanation:
    rank: int
    location: str
    outcome: str
    title: str
    reasons: list = field(default_factory=list)


# The rule that decided, as a family reads it. What is said about the families that came first is only what the
# rule itself says; their group is named only when at least five of them share it (engine/explain.py).
RULE_NAMES = {
    "priority_class": _("the rule on priority groups"),
    "registered_at": _("the rule on registration date (earlier first)"),
    "lottery": _("the lottery of this round"),
    "reserve": _("the rule on places kept for families in a vulnerable situation"),
}


def _kept_out_reason(item: dict, tie_break: str) -> str:
    rule = item.get("rule")
    yours = class_label(item.get("your_class"))
    sharing = item.get("competitors_sharing") or 0
    theirs = item.get("competitor_class") if sharing >= DISCLOSURE_THRESHOLD else None
    if rule == "reserve":
        line = _(
            "%(reserved)s of the %(places)s places here are kept for families in a vulnerable situation, as the "
            "rules ask; families who count for this share came first for those places."
        ) % {"reserved": item.get("reserved", 0), "places": item.get("places", 0)}
        if item.get("your_reserve_eligible") is False:
            line += " " + str(_("Your family does not count for this share."))
    elif rule == "priority_class" and theirs:
        line = _(
            "Families in a higher priority group (%(theirs)s) came first: %(count)s. Your group here: %(yours)s."
        )
        line %= {"theirs": class_label(theirs), "count": sharing, "yours": yours}
    elif rule != "priority_class" and theirs:
        line = (
            _(
                "Families in your priority group (%(yours)s) with a lower lottery number came first: %(count)s."
            )
            if tie_break == "lottery"
            else _(
                "Families in your priority group (%(yours)s) who registered earlier came first: %(count)s."
            )
        ) % {"yours": yours, "count": sharing}
    else:
        key = "priority_class" if rule == "priority_class" else tie_break
        line = _("A family with a higher priority under %(rule)s came first. Your group here: %(yours)s.") % {
            "rule": RULE_NAMES.get(key, RULE_NAMES["priority_class"]),
            "yours": yours,
        }
    if item.get("your_position"):
        line += " " + str(_("Your place in line here: %(position)s.")) % {"position": item["your_position"]}
    return str(line)


def explain_request(explanation: dict | None, *, tie_break: str = "registered_at") -> list[ChoiceExplanation]:
    """Plain-language lines, one per choice, from the engine's explanation of one request."""
    if not explanation:
        return []
    names = dict(
        locations_with_ids(parse_id(c["location"]) for c in explanation.get("choices", [])).values_list(
            "pk", "name"
        )
    )
    items = []
    for choice in explanation.get("choices", []):
        outcome = choice.get("outcome", "")
        reasons: list[str] = []
        if outcome == "no_fitting_place":
            misfit = sorted({r for m in choice.get("misfits", []) for r in m.get("reasons", [])})
            if misfit:
                reasons.append(
                    str(_("The free places did not match %(what)s."))
                    % {"what": ", ".join(str(MISFIT_REASONS.get(r, r)) for r in misfit)}
                )
            else:
                reasons.append(str(_("There were no free places here in this round.")))
        elif outcome == "outranked":
            seen = set()
            for item in choice.get("kept_out", []):
                line = _kept_out_reason(item, tie_break)
                if line not in seen:
                    seen.add(line)
                    reasons.append(line)
        items.append(
            ChoiceExplanation(
                rank=choice.get("rank", 0),
                location=names.get(parse_id(choice["location"]), "?"),
                outcome=outcome,
                title=str(OUTCOME_TITLES.get(outcome, outcome)),
                reasons=reasons,
            )
        )
    return items


def explain_proposal(proposal) -> str:
    """Why a proposal came to the provider, without any other family's data."""
    parts = [
        ngettext(
            "The family ranked your location as its first choice.",
            "The family ranked your location as choice %(rank)d.",
            proposal.rank,
        )
        % {"rank": proposal.rank}
    ]
    parts.append(
        str(_("Its priority class at your location: %(klass)s."))
        % {"klass": class_label(proposal.priority_class or None)}
    )
    parts.append(
        str(
            _(
                "Under the desk's rules (%(policy)s) no family that comes before it wanted this place, and it "
                "had no offer at a location it ranked higher."
            )
        )
        % {"policy": proposal.round.policy_name}
    )
    return " ".join(parts)
