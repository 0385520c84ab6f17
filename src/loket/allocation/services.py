"""Rounds: prepare (build and store the instance), run (the engine proposes; result stored), publish (a desk worker
decides; proposals go to providers or straight to families as offers). Offers and placements: see `offers.py`.

The engine proposes and people decide: nothing reaches a family before a desk worker publishes the round.
"""

import json
import logging
import time
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Expression, JSONField, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.audit.services import audit_record
from loket.demand.lifecycle import WAITING_STATUSES
from loket.demand.selectors import requests_of_desks
from loket.supply.selectors import openings_with_ids

from . import ranking
from .instance import build_instance, parse_id
from .models import JOB_BUSY, JOB_ERRORS, JobKind, JobStage, JobStatus, Proposal, ReviewRequest, Round
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
from .policy import policy_for_desk
from .selectors import ROUND_BLOBS

if TYPE_CHECKING:
    from loket.demand.models import ChildcareRequest

log = logging.getLogger(__name__)


class RoundError(ValidationError):
    pass


def engine():
    """The pure engine (`loket.allocation.engine`), imported when first needed."""
    from loket.allocation import engine as module

    return module


class _JSONText(Expression):
    """A JSON column's new value given as JSON text: a query parameter, cast to jsonb on PostgreSQL."""

    output_field = JSONField()

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", (self.text,)

    def as_postgresql(self, compiler, connection):
        return "%s::jsonb", (self.text,)


def _json_column(data) -> _JSONText:
    """A round's JSON column written from text msgspec encodes: the blobs are tens of megabytes at Flanders size,
    where the json module Django uses takes seconds to write them and seconds more to read them back."""
    import msgspec

    return _JSONText(msgspec.json.encode(data).decode())


def _json_texts(round_id: int, *names: str) -> list[str | None]:
    """Round columns as the JSON text the database holds, for the engine to read with its own fast, strict decoder
    (no Python objects built for them on the way)."""
    texts = {f"{name}_text": Cast(name, output_field=TextField()) for name in names}
    return list(Round.objects.filter(pk=round_id).annotate(**texts).values_list(*texts).get())


def round_blobs(round_: Round, *names: str) -> list:
    """Round JSON columns (`instance`, `result`, …) decoded by msgspec with the cycle collector off: at Flanders size
    several times faster than reading them through the model (the json module, collector on). For code that reads a
    round's whole instance or result (publishing, the demo's history)."""
    import msgspec

    texts = _json_texts(round_.pk, *names)
    with engine().without_garbage_collection():
        return [None if text is None else msgspec.json.decode(text) for text in texts]


def _forget_blobs(round_: Round) -> None:
    """Leave the round's JSON columns deferred: read from the database when (and only when) a caller uses them."""
    for name in ROUND_BLOBS:
        round_.__dict__.pop(name, None)


# --- rounds as background jobs ----------------------------------------------------------------------------------
#
# Preparing, running and checking a round are jobs of the task queue (tasks.py). A job is claimed on the round with a
# conditional UPDATE (never two at once on one round, whatever the number of web processes or workers), runs in
# stages the round's page shows, and ends done or failed with a plain reason (JOB_ERRORS; the detail is logged).
# `round_prepare`, `round_run` and `round_recheck` do the same work at once, in the caller's process (the demo
# loader, commands, tests); `round_prepare_queue`, `round_run_queue`, `round_recheck_queue` and `round_job_retry`
# hand it to the worker (the web pages).

# A job not finished this long after it was queued is taken as lost (the worker stopped, or the task timed out).
JOB_LOST_AFTER = timedelta(seconds=2 * settings.Q_CLUSTER.get("timeout", 300))


class RoundBusy(RoundError):
    pass


def _job_code(error: Exception) -> str:
    if isinstance(error, LookupError):
        return "no_policy"
    if isinstance(error, engine().InstanceError):
        return "engine"
    return getattr(error, "job_code", "unexpected")


def _refusal(code: str) -> RoundError:
    error = RoundError(str(JOB_ERRORS[code]))
    error.job_code = code
    return error


def round_create(*, desk, actor, on: date | None = None, partner_desks=()) -> Round:
    """A new round of `desk` (and its partner desks) on `on`, still to be prepared. Refused when no priority rules
    are in force on that date."""
    on = on or timezone.localdate()
    desks = [desk, *[d for d in partner_desks if d.pk != desk.pk]]
    try:
        policy_for_desk(desk, on)
    except LookupError:
        raise _refusal("no_policy") from None
    with transaction.atomic():
        round_ = Round.objects.create(
            desk=desk, date=on, status=Round.Status.PREPARING, prepared_by=_person(actor)
        )
        round_.desks.set(desks)
    return round_


def _person(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def round_job_start(*, round: Round, kind: str, actor, now=None) -> str:
    """Claim the round for a job of `kind`: one conditional UPDATE, so of two requests at the same moment only one
    gets it; the other is refused with RoundBusy. Returns the job's token (the task checks it is still its job)."""
    now = now or timezone.now()
    allowed = {
        JobKind.PREPARE: [Round.Status.PREPARING],
        JobKind.RUN: [Round.Status.PREPARED, Round.Status.RUN],
        JobKind.CHECK: [Round.Status.RUN, Round.Status.PUBLISHED],
    }[kind]
    token = uuid.uuid4().hex
    claimed = (
        Round.objects.filter(pk=round.pk, status__in=allowed)
        .filter(~Q(job_status__in=JOB_BUSY) | Q(job_queued_at__lt=now - JOB_LOST_AFTER))
        .update(
            job_kind=kind,
            job_status=JobStatus.QUEUED,
            job_stage="",
            job_error="",
            job_token=token,
            job_queued_at=now,
            job_started_at=None,
            job_finished_at=None,
            job_by=_person(actor),
        )
    )
    if claimed:
        return token
    current = Round.objects.only("status", "job_status", "result").get(pk=round.pk)
    if current.job_status in JOB_BUSY:
        raise RoundBusy(
            _("This round is busy: %(job)s. Wait until it is done; the page shows its progress.")
            % {"job": JobKind(current.job_kind).label.lower() if current.job_kind else ""}
        )
    if current.status == Round.Status.PUBLISHED and kind == JobKind.RUN:
        raise _refusal("published")
    if kind == JobKind.CHECK:
        raise _refusal("not_run")
    raise RoundError(
        _("This round cannot do that now (its status is: %(status)s).")
        % {"status": current.get_status_display()}
    )


def _enqueue(round_id: int, token: str) -> None:
    from django_q.tasks import async_task

    async_task("loket.allocation.tasks.round_job", round_id, token, task_name=f"round-{round_id}-{token[:8]}")


def _queue(round_: Round, kind: str, actor) -> Round:
    token = round_job_start(round=round_, kind=kind, actor=actor)
    audit_record(actor=actor, event="round.job_queued", obj=round_, desk_id=round_.desk_id, job=kind)
    transaction.on_commit(lambda: _enqueue(round_.pk, token))
    round_.refresh_from_db(fields=["job_kind", "job_status", "job_stage", "job_error", "job_queued_at"])
    return round_


def round_prepare_queue(*, desk, actor, on: date | None = None, partner_desks=()) -> Round:
    """Create the round and let the worker prepare it (the page follows its progress)."""
    with transaction.atomic():
        round_ = round_create(desk=desk, actor=actor, on=on, partner_desks=partner_desks)
        return _queue(round_, JobKind.PREPARE, actor)


def round_run_queue(*, round: Round, actor) -> Round:
    if round.status == Round.Status.PUBLISHED:
        raise _refusal("published")
    return _queue(round, JobKind.RUN, actor)


def round_recheck_queue(*, round: Round, actor) -> Round:
    if round.status not in (Round.Status.RUN, Round.Status.PUBLISHED):
        raise _refusal("not_run")
    return _queue(round, JobKind.CHECK, actor)


def round_job_retry(*, round: Round, actor) -> Round:
    """Start a failed job again (the same kind of job on the same round)."""
    if round.job_status != JobStatus.FAILED or not round.job_kind:
        raise RoundError(_("There is no failed job to try again."))
    return _queue(round, round.job_kind, actor)


def round_job(round_id: int, token: str, **options) -> bool:
    """The job itself (the task queue calls this through tasks.round_job): do the claimed work, stage by stage, and
    record how it ended. Returns False when the job is no longer this one's (another run took over). `options` go to
    the work (`simulate` for preparing, `explain` for running); the worker's jobs always do the whole work."""
    if not Round.objects.filter(pk=round_id, job_token=token, job_status=JobStatus.QUEUED).update(
        job_status=JobStatus.RUNNING, job_started_at=timezone.now()
    ):
        return False
    round_ = Round.objects.select_related("desk", "job_by").defer(*ROUND_BLOBS).get(pk=round_id)
    seconds: dict[str, float] = {}
    began = time.perf_counter()
    current = {"stage": "", "since": began}

    def lap() -> None:
        now = time.perf_counter()
        if current["stage"]:
            seconds[current["stage"]] = round(now - current["since"], 3)
        current["since"] = now

    def stage(name: str) -> None:
        lap()
        current["stage"] = name
        Round.objects.filter(pk=round_id, job_token=token).update(job_stage=name)

    work = {JobKind.PREPARE: _prepare, JobKind.RUN: _run, JobKind.CHECK: _recheck}[round_.job_kind]
    try:
        # A job builds a few million small containers and no cycles worth collecting meanwhile: the cycle collector
        # would walk them again and again (measured: two thirds of a city round's explaining time).
        with engine().without_garbage_collection():
            work(round_, round_.job_by, stage, **options)
    except Exception as error:
        code = _job_code(error)
        log.exception("Round %s: the %s job failed (%s)", round_id, round_.job_kind, code)
        Round.objects.filter(pk=round_id, job_token=token).update(
            job_status=JobStatus.FAILED, job_error=code, job_finished_at=timezone.now()
        )
        audit_record(
            actor=round_.job_by,
            event="round.job_failed",
            obj=round_,
            desk_id=round_.desk_id,
            job=round_.job_kind,
            reason=code,
        )
        return True
    lap()
    Round.objects.filter(pk=round_id, job_token=token).update(
        job_status=JobStatus.DONE,
        job_stage="",
        job_finished_at=timezone.now(),
        job_seconds={**seconds, "total": round(time.perf_counter() - began, 3)},
    )
    return True


# Every column of a round but its JSON blobs (what `_at_once` reads back after a job).
_ROUND_COLUMNS = [
    f.attname for f in Round._meta.concrete_fields if not f.primary_key and f.name not in ROUND_BLOBS
]


def _at_once(round_: Round, kind: str, actor, **options) -> Round:
    """Do a job in this process (not in the worker) with the same claim, stages and error handling."""
    token = round_job_start(round=round_, kind=kind, actor=actor)
    round_job(round_.pk, token, **options)
    _forget_blobs(round_)  # the job wrote them: read again only if the caller needs them
    round_.refresh_from_db(fields=_ROUND_COLUMNS)
    if round_.job_status == JobStatus.FAILED:
        error = RoundError(round_.job_error_message)
        error.job_code = round_.job_error
        raise error
    return round_


def round_prepare(
    *,
    desk,
    actor,
    on: date | None = None,
    partner_desks=(),
    lottery_seed: str | None = None,
    simulate: bool = True,
) -> Round:
    """Build the instance from the database (waiting requests, free places, the desk's policy on that date) and
    store it with the simulator's figures, at once. A joint round of a care region passes the other desks as
    `partner_desks`; the running desk's rules apply. The lottery seed is drawn in secret unless the caller gives
    one (the demo loader's reproducible history).

    `simulate=False` leaves out the mechanism comparison (`figures` stays empty; the round's page says the
    comparison was not made): it is a preview for the desk worker and decides nothing, and the demo's year of
    history, which prepares a thousand rounds at Flanders size, has nobody to show it to."""
    round_ = round_create(desk=desk, actor=actor, on=on, partner_desks=partner_desks)
    if lottery_seed:
        round_.lottery_seed = lottery_seed
        round_.save(update_fields=["lottery_seed"])
    return _at_once(round_, JobKind.PREPARE, actor, simulate=simulate)


def round_run(*, round: Round, actor, explain: bool = True) -> Round:
    """Run the engine on the stored instance and store the result, its explanations and its check, at once.

    `explain=False` stores no explanations (the solve, the lottery draw and the check are the same): families read
    only the latest explained round of their desk (`selectors.latest_explanation`), so the demo's history explains
    each desk's last round and skips the work (and the tens of megabytes) for the rounds before it."""
    if round.status == Round.Status.PUBLISHED:
        raise _refusal("published")
    return _at_once(round, JobKind.RUN, actor, explain=explain)


def round_recheck(*, round: Round, actor=None) -> dict:
    """Re-run the stored instance and check the stored result: is it valid and stable, and does the engine still
    give exactly the stored result?"""
    if not Round.objects.filter(pk=round.pk, result__isnull=False).exists():  # without reading the result
        raise _refusal("not_run")
    return _at_once(round, JobKind.CHECK, actor).check_report


def _prepare(round_: Round, actor, stage, simulate: bool = True) -> None:
    eng = engine()
    stage(JobStage.BUILDING)
    desks = [round_.desk, *round_.desks.exclude(pk=round_.desk_id).order_by("pk")]
    instance, policy_name = build_instance(desks=desks, on=round_.date)
    # The round's own lottery seed stays secret until the run; the instance carries only the commitment to it.
    seed = round_.lottery_seed or eng.lottery.draw_seed()
    instance["policy"]["lottery_seed"] = None
    commitment = eng.lottery.commitment(instance, seed)
    instance["round"]["commitment"] = commitment
    figures = None
    if simulate:
        stage(JobStage.SIMULATING)
        try:
            figures = eng.compare(instance, seed=seed)
        except Exception:  # the preview is a help, not a condition: a failing simulator never blocks a round
            log.exception("Round %s: the simulator failed; the round goes on without its preview", round_.pk)
    with transaction.atomic():
        round_.instance = _json_column(instance)
        round_.policy_name = policy_name
        round_.figures = figures
        round_.lottery_seed = seed
        round_.lottery_commitment = commitment
        round_.request_count = len(instance["requests"])
        round_.place_count = sum(o["count"] for loc in instance["locations"] for o in loc["openings"])
        round_.status = Round.Status.PREPARED
        round_.save(
            update_fields=[
                "instance",
                "policy_name",
                "figures",
                "lottery_seed",
                "lottery_commitment",
                "request_count",
                "place_count",
                "status",
            ]
        )
        _forget_blobs(round_)
        audit_record(
            actor=actor,
            event="round.prepared",
            obj=round_,
            desk_id=round_.desk_id,
            requests=round_.request_count,
            desks=[d.pk for d in desks],
        )


def _run(round_: Round, actor, stage, explain: bool = True) -> None:
    if round_.status == Round.Status.PUBLISHED:
        raise _refusal("published")
    eng = engine()
    stage(JobStage.SOLVING)
    seed = round_.lottery_seed or None  # rounds prepared before each round drew its own seed use the policy's
    (instance,) = _json_texts(round_.pk, "instance")
    compiled = eng.parse(instance, seed=seed)
    output, assignment = eng.solve_with_assignment(compiled, mechanism=round_.mechanism)
    stage(JobStage.CHECKING)
    # Deferred acceptance is the request-optimal stable result the check compares with: just solved, not again.
    check = eng.check(compiled, output, optimal=assignment if round_.mechanism == "da" else None)
    explanations = None
    if explain:
        stage(JobStage.EXPLAINING)
        explanations = eng.explain(compiled, assignment)
    with transaction.atomic():
        # Published meanwhile (by another desk worker)? Then this result is not the one families got: keep theirs.
        if Round.objects.filter(pk=round_.pk, status=Round.Status.PUBLISHED).exists():
            raise _refusal("published")
        round_.result = _json_column(output)
        round_.explanations = None if explanations is None else _json_column(explanations)
        round_.check_report = check
        round_.assigned_count = len(output.get("assignments", []))
        round_.status = Round.Status.RUN
        round_.run_at = timezone.now()
        round_.run_by = actor
        # The draw is fixed by the commitment and the run is done: the seed is published, so anyone can recompute.
        round_.seed_revealed_at = round_.seed_revealed_at or round_.run_at
        round_.save(
            update_fields=[
                "result",
                "explanations",
                "check_report",
                "assigned_count",
                "status",
                "run_at",
                "run_by",
                "seed_revealed_at",
            ]
        )
        _forget_blobs(round_)
        audit_record(
            actor=actor,
            event="round.run",
            obj=round_,
            desk_id=round_.desk_id,
            assigned=round_.assigned_count,
            stable=bool(check.get("ok")),
        )


def _recheck(round_: Round, actor, stage) -> None:
    instance, stored = _json_texts(round_.pk, "instance", "result")
    if stored is None:
        raise _refusal("not_run")
    import msgspec

    eng = engine()
    stage(JobStage.CHECKING)
    seed = round_.lottery_seed or None
    compiled = eng.parse(instance, seed=seed)
    stored = msgspec.json.decode(stored)
    check = eng.check(compiled, stored)
    stage(JobStage.SOLVING)
    again = eng.solve(compiled, mechanism=round_.mechanism)

    def pairs(result):
        return sorted((a["request"], a["opening"]) for a in result["assignments"])

    same = pairs(again) == pairs(stored) and sorted(again["unassigned"]) == sorted(stored["unassigned"])
    round_.check_report = {**check, "reproduced": same, "checked_at": timezone.now().isoformat()}
    round_.save(update_fields=["check_report"])
    audit_record(
        actor=actor, event="round.checked", obj=round_, desk_id=round_.desk_id, ok=bool(check.get("ok"))
    )


def round_publish(*, round: Round, actor) -> list[Proposal]:
    """A desk worker publishes a run round: each assignment becomes a proposal for the provider (or an offer at
    once where the desk does not ask providers to confirm). Requests that changed since the round was prepared
    (withdrawn, placed elsewhere) are skipped, and so are places withdrawn meanwhile."""
    with transaction.atomic():
        round = (
            Round.objects.select_for_update()
            .defer("instance", "result", "explanations", "figures")
            .get(pk=round.pk)
        )
        if round.job_status in JOB_BUSY:
            raise RoundBusy(_("This round is busy. Wait until its job is done, then publish it."))
        if round.status != Round.Status.RUN:
            raise RoundError(_("Only a round that has run and is not yet published can be published."))
        if not (round.check_report or {}).get("ok", False):
            raise RoundError(_("The result did not pass the check; it cannot be published."))
        instance, result = round_blobs(round, "instance", "result")
        policy = instance["policy"]
        by_id = {r["id"]: r for r in instance["requests"]}
        openings = {o.pk: o for o in openings_with_ids(parse_id(a["opening"]) for a in result["assignments"])}
        requests = {
            r.pk: r
            for r in requests_of_desks().filter(
                pk__in=[parse_id(a["request"]) for a in result["assignments"]]
            )
        }
        proposals = []
        for assignment in result["assignments"]:
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


def review_request_create(*, request: "ChildcareRequest", actor, message: str = "") -> ReviewRequest:
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
