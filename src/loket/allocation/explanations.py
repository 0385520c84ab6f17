"""The engine's explanations in plain language, for one request (the family) or one proposal (the provider).

Only the request's own facts and anonymous facts about the competition (a priority class name, a count) are
shown: never who else applied.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from loket.supply.models import Location

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


def _kept_out_reason(item: dict, tie_break: str) -> str:
    rule = item.get("rule")
    if rule == "priority_class":
        return str(
            _("Families in a higher priority group (%(theirs)s) came first; your group here: %(yours)s.")
            % {
                "theirs": class_label(item.get("competitor_class")),
                "yours": class_label(item.get("your_class")),
            }
        )
    if rule == "reserve":
        return str(
            _(
                "%(reserved)s of the %(places)s places were kept for the share of families in a vulnerable "
                "situation that the rules ask for."
            )
            % {"reserved": item.get("reserved", 0), "places": item.get("places", 0)}
        )
    if tie_break == "lottery":
        return str(
            _("Families in the same priority group (%(yours)s) with a lower lottery number came first.")
            % {"yours": class_label(item.get("your_class"))}
        )
    return str(
        _("Families in the same priority group (%(yours)s) who registered earlier came first.")
        % {"yours": class_label(item.get("your_class"))}
    )


def explain_request(explanation: dict | None, *, tie_break: str = "registered_at") -> list[ChoiceExplanation]:
    """Plain-language lines, one per choice, from the engine's explanation of one request."""
    if not explanation:
        return []
    names = dict(
        Location.objects.filter(
            pk__in=[parse_id(c["location"]) for c in explanation.get("choices", [])]
        ).values_list("pk", "name")
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
