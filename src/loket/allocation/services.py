"""Rounds: prepare (build and store the instance), run (the engine proposes; result stored), publish (a desk worker
decides; proposals go to providers or straight to families as offers). Offers and placements: see `offers.py`.

The engine proposes and people decide: nothing reaches a family before a desk worker publishes the round.
"""

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.audit.services import audit_record
from loket.demand.lifecycle import WAITING_STATUSES
from loket.demand.models import ChildcareRequest
from loket.supply.models import Opening

from . import ranking
from .instance import build_instance, parse_id
from .models import Proposal, ReviewRequest, Round
from .offers import (  # noqa: F401 - the offer services are part of this module's public surface
    offer_accept,
    offer_confirm,
    offer_decline,
    offer_expire,
    offers_process,
    placement_record,
    proposal_publish,
    proposal_refuse,
    urgent_assign,
)


class RoundError(ValidationError):
    pass


def engine():
    """The pure engine (`loket.allocation.engine`), imported when first needed."""
    from loket.allocation import engine as module

    return module


def _plain(data):
    """What a JSON column gives back: the same data after one round trip through JSON."""
    return json.loads(json.dumps(data))


def round_prepare(
    *, desk, actor, on: date | None = None, partner_desks=(), lottery_seed: str | None = None
) -> Round:
    """Build the instance from the database (waiting requests, free places, the desk's policy on that date) and
    store it with the simulator's figures. A joint round of a care region passes the other desks as
    `partner_desks`; the running desk's rules apply. The lottery seed is drawn in secret unless the caller gives
    one (the demo loader's reproducible history)."""
    on = on or timezone.localdate()
    desks = [desk, *[d for d in partner_desks if d.pk != desk.pk]]
    instance, policy_name = build_instance(desks=desks, on=on)
    # The round's own lottery seed stays secret until the run; the instance carries only the commitment to it.
    seed = lottery_seed or engine().lottery.draw_seed()
    instance["policy"]["lottery_seed"] = None
    commitment = engine().lottery.commitment(instance, seed)
    instance["round"]["commitment"] = commitment
    figures = None
    try:
        figures = _plain(engine().compare(instance, seed=seed))
    except Exception:  # the preview is a help, not a condition: a failing simulator never blocks a round
        figures = None
    with transaction.atomic():
        round_ = Round.objects.create(
            desk=desk,
            date=on,
            policy_name=policy_name,
            instance=instance,
            figures=figures,
            lottery_seed=seed,
            lottery_commitment=commitment,
            prepared_by=actor,
        )
        round_.desks.set(desks)
        audit_record(
            actor=actor,
            event="round.prepared",
            obj=round_,
            desk_id=desk.pk,
            requests=len(instance["requests"]),
            desks=[d.pk for d in desks],
        )
    return round_


def round_run(*, round: Round, actor) -> Round:
    """Run the engine on the stored instance and store the result, its explanations and its check."""
    if round.status == Round.Status.PUBLISHED:
        raise RoundError(_("A published round cannot be run again."))
    eng = engine()
    seed = round.lottery_seed or None  # rounds prepared before each round drew its own seed use the policy's
    output = _plain(eng.solve(round.instance, mechanism=round.mechanism, explain=True, seed=seed))
    explanations = output.pop("explanations", None)
    check = _plain(eng.check(round.instance, output, seed=seed))
    with transaction.atomic():
        round.result = output
        round.explanations = explanations
        round.check_report = check
        round.status = Round.Status.RUN
        round.run_at = timezone.now()
        round.run_by = actor
        # The draw is fixed by the commitment and the run is done: the seed is published, so anyone can recompute.
        round.seed_revealed_at = round.seed_revealed_at or round.run_at
        round.save(
            update_fields=[
                "result",
                "explanations",
                "check_report",
                "status",
                "run_at",
                "run_by",
                "seed_revealed_at",
            ]
        )
        audit_record(
            actor=actor,
            event="round.run",
            obj=round,
            desk_id=round.desk_id,
            assigned=len(output.get("assignments", [])),
            stable=bool(check.get("ok")),
        )
    return round


def round_recheck(*, round: Round, actor=None) -> dict:
    """Re-run the stored instance and check the stored result: is it valid and stable, and does the engine still
    give exactly the stored result?"""
    if round.result is None:
        raise RoundError(_("This round has not been run yet."))
    eng = engine()
    seed = round.lottery_seed or None
    check = _plain(eng.check(round.instance, round.result, seed=seed))
    again = _plain(eng.solve(round.instance, mechanism=round.mechanism, seed=seed))

    def pairs(result):
        return sorted((a["request"], a["opening"]) for a in result["assignments"])

    same = pairs(again) == pairs(round.result) and sorted(again["unassigned"]) == sorted(
        round.result["unassigned"]
    )
    report = {**check, "reproduced": same, "checked_at": timezone.now().isoformat()}
    round.check_report = report
    round.save(update_fields=["check_report"])
    audit_record(
        actor=actor, event="round.checked", obj=round, desk_id=round.desk_id, ok=bool(check.get("ok"))
    )
    return report


def round_publish(*, round: Round, actor) -> list[Proposal]:
    """A desk worker publishes a run round: each assignment becomes a proposal for the provider (or an offer at
    once where the desk does not ask providers to confirm). Requests that changed since the round was prepared
    (withdrawn, placed elsewhere) are skipped, and so are places withdrawn meanwhile."""
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if round.status != Round.Status.RUN:
            raise RoundError(_("Only a round that has run and is not yet published can be published."))
        if not (round.check_report or {}).get("ok", False):
            raise RoundError(_("The result did not pass the check; it cannot be published."))
        policy = round.instance["policy"]
        by_id = {r["id"]: r for r in round.instance["requests"]}
        openings = {
            o.pk: o
            for o in Opening.objects.select_related("location").filter(
                pk__in=[parse_id(a["opening"]) for a in round.result["assignments"]]
            )
        }
        requests = {
            r.pk: r
            for r in ChildcareRequest.objects.select_related("desk", "child__family").filter(
                pk__in=[parse_id(a["request"]) for a in round.result["assignments"]]
            )
        }
        proposals = []
        for assignment in round.result["assignments"]:
            request = requests.get(parse_id(assignment["request"]))
            opening = openings.get(parse_id(assignment["opening"]))
            if request is None or opening is None or opening.withdrawn_at is not None:
                continue
            if request.status not in WAITING_STATUSES:
                continue
            data = by_id[assignment["request"]]
            location_key = f"L{opening.location_id}"
            _index, klass = ranking.priority_class(
                policy, opening.tariff, data["flags"], location_key in data.get("sibling_at", [])
            )
            proposals.append(
                Proposal.objects.create(
                    round=round,
                    request=request,
                    opening=opening,
                    location=opening.location,
                    rank=data["choices"].index(location_key) + 1,
                    priority_class=klass or "",
                )
            )
        round.status = Round.Status.PUBLISHED
        round.published_at = timezone.now()
        round.published_by = actor
        round.save(update_fields=["status", "published_at", "published_by"])
        audit_record(
            actor=actor, event="round.published", obj=round, desk_id=round.desk_id, proposals=len(proposals)
        )
        for proposal in proposals:
            proposal_publish(proposal=proposal, actor=actor)
    return proposals


def review_request_create(*, request: ChildcareRequest, actor, message: str = "") -> ReviewRequest:
    """A family asks a person to look at what it was offered, or not (GDPR art. 22)."""
    from .selectors import latest_explanation

    round_, _explanation = latest_explanation(request)
    review = ReviewRequest.objects.create(
        request=request, round=round_, message=message.strip()[:2000], asked_by=actor
    )
    audit_record(
        actor=actor,
        event="review.requested",
        obj=review,
        desk_id=request.desk_id,
        family_id=request.child.family_id,
    )
    return review


def review_request_answer(*, review: ReviewRequest, actor, answer: str) -> ReviewRequest:
    if not answer.strip():
        raise RoundError({"answer": _("Write the answer the family will read.")})
    review.answer = answer.strip()
    review.status = ReviewRequest.Status.ANSWERED
    review.answered_at = timezone.now()
    review.answered_by = actor
    review.save(update_fields=["answer", "status", "answered_at", "answered_by"])
    audit_record(
        actor=actor,
        event="review.answered",
        obj=review,
        desk_id=review.request.desk_id,
        family_id=review.request.child.family_id,
    )
    return review


# A desk's own priority rules (management screens)

DESK_POLICY_FIELDS = ("effective_from", "name", "policy")


@transaction.atomic
def desk_policy_save(*, desk, actor, desk_policy=None, **fields):
    """Add a desk's priority rules from a date on, or change rules that are not in force yet. Rules in force are kept as
    they are (rounds and explanations refer to them): new rules take effect from today or a later date."""
    from loket.audit.events import Event
    from loket.core.fields import only_fields

    from .models import DeskPolicy

    only_fields(fields, DESK_POLICY_FIELDS, "desk_policy_save")
    today = timezone.localdate()
    if desk_policy is not None:
        policy = DeskPolicy.objects.select_for_update().get(pk=desk_policy.pk)
        if policy.effective_from <= today:
            raise ValidationError(
                _("These rules are in force and can no longer be changed. Add new rules from a later date.")
            )
    else:
        policy = DeskPolicy(
            desk=desk, created_by=actor if getattr(actor, "is_authenticated", False) else None
        )
    for name, value in fields.items():
        setattr(policy, name, value)
    # A desk's first rules may reach back (a new desk's earlier registrations); after that, rules in force stay as they
    # were, so rounds and explanations keep referring to the rules they used.
    first_rules = not DeskPolicy.objects.filter(desk_id=policy.desk_id).exclude(pk=policy.pk).exists()
    if policy.effective_from < today and not first_rules:
        raise ValidationError({"effective_from": _("New rules take effect from today or a later date.")})
    policy.full_clean()
    policy.save()
    audit_record(
        actor=actor,
        event=Event.DESK_POLICY_SAVED,
        obj=policy,
        desk_id=policy.desk_id,
        effective_from=policy.effective_from.isoformat(),
    )
    return policy


def desk_policy_create(*, desk, actor, effective_from: date, name: str = "", policy: dict | None = None):
    """A new version of the desk's priority rules, in force from `effective_from`. Without `policy`, the Flemish rules
    in force on that date (so a new desk starts on the Flemish rules, as its own first version)."""
    from .policy import FLEMISH_VERSIONS, version_on

    if policy is None:
        flemish = version_on(FLEMISH_VERSIONS, effective_from)
        policy, name = flemish.policy, name or flemish.name
    return desk_policy_save(
        desk=desk,
        actor=actor,
        effective_from=effective_from,
        name=name,
        policy=json.loads(json.dumps(policy)),
    )
