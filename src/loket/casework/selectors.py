"""Reads for desk follow-up, always narrowed to the person's scope: the work queues, the case of one family,
referrals as the desk and as a partner see them, and the local consultation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, Upper
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from loket.accounts.policies import Scope
from loket.allocation import selectors as allocation_selectors
from loket.areas.selectors import desks_in_reach
from loket.audit.selectors import events_about_family
from loket.demand import selectors as demand_selectors
from loket.demand.lifecycle import OPEN_STATUSES, WAITING_STATUSES, Status
from loket.demand.priority import vulnerable_condition
from loket.demand.search import families_find

from .models import (
    ConsultationMeeting,
    ContactMoment,
    Note,
    Referral,
    ReferralStatus,
    RequestCheck,
    RequestMerge,
    Task,
)

if TYPE_CHECKING:
    from loket.allocation.models import Offer
    from loket.areas.models import Desk
    from loket.demand.models import ChildcareRequest, Family

START_NEAR_DAYS = 62  # "desired start is near": within about two months
OFFER_EXPIRING_DAYS = 3  # an open offer whose deadline falls within three days


def _desk_ids(scope: Scope) -> list[int] | None:
    """The desks whose files the person follows up (None: every desk)."""
    return None if scope.is_superuser else sorted(scope.desk_ids)


def desks_of(scope: Scope) -> QuerySet[Desk]:
    return desks_in_reach(_desk_ids(scope))


def desk_chosen(scope: Scope, value: str | None) -> tuple[QuerySet[Desk], Desk | None]:
    """The person's desks (by name) and the one a page shows: the desk asked for (`?desk=`) when it is theirs,
    else the first. A page shows one desk at a time, so its cost does not grow with the number of desks."""
    desks = desks_of(scope).order_by("name", "pk")
    desk = desks.filter(pk=value).first() if (value or "").isdigit() else None
    return desks, desk or desks.first()


def families_of(scope: Scope) -> QuerySet[Family]:
    return demand_selectors.families_of_desks(_desk_ids(scope))


def requests_of(scope: Scope) -> QuerySet[ChildcareRequest]:
    return demand_selectors.requests_of_desks(_desk_ids(scope))


def case_search(scope: Scope, parsed) -> QuerySet[Family]:
    """The families of the person's desks that match a parsed search (`demand.search`), best first, with what a
    result row shows."""
    return demand_selectors.with_children_and_requests(
        families_find(families_of(scope), parsed, desk_ids=_desk_ids(scope))
    )


# --- queues -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    slug: str
    title: str
    explanation: str


# In the order a desk worker should work through them: what cannot wait comes first.
QUEUES = [
    Queue(
        "urgent", _("Urgent requests"), _("Open requests marked urgent; those still without an offer first.")
    ),
    Queue(
        "expiring",
        _("Offers about to expire unanswered"),
        _("Open offers whose answer deadline falls within three days: call the family."),
    ),
    Queue(
        "vulnerable",
        _("Vulnerable families still without an offer"),
        _("Families with priority for the reserved places, waiting longer than the desk's follow-up term."),
    ),
    Queue(
        "start-near",
        _("Desired start is near, no offer"),
        _("Waiting requests whose earliest start is within two months, or already passed."),
    ),
    Queue("new", _("New requests to check"), _("Registered requests no desk worker has looked at yet.")),
    Queue(
        "duplicates",
        _("Possible duplicates"),
        _(
            "Open requests that look like another open request for the same child: open the case to merge them."
        ),
    ),
    Queue(
        "reconfirm",
        _("Requests to re-confirm"),
        _("The family has not confirmed it is still looking within the desk's term."),
    ),
]
QUEUE_BY_SLUG = {q.slug: q for q in QUEUES}


def _name_and(day):
    """A child's first name without case, with a date: the key two requests for the same child share."""
    return Concat(Upper("child__first_name"), Value("|"), Cast(day, CharField()), output_field=CharField())


def _shared_keys(desk: Desk, key, *conditions, **filters) -> QuerySet:
    """The values of `key` that two or more of the desk's open requests share (a subquery)."""
    return (
        demand_selectors.requests_of_desks([desk.pk])
        .filter(*conditions, status__in=OPEN_STATUSES, **filters)
        .annotate(key=key)
        .values("key")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .values("key")
    )


def _same_name_and(desk: Desk, date_field: str) -> Q:
    """A named child whose first name and `date_field` (birth or due date) another open request of the desk shares;
    the query must annotate `<date_field>_key` with `_name_and`."""
    return Q(
        ~Q(child__first_name=""),
        **{
            f"{date_field}_key__in": _shared_keys(
                desk,
                _name_and(F(f"child__{date_field}")),
                ~Q(child__first_name=""),
                **{f"child__{date_field}__isnull": False},
            )
        },
    )


def queue_requests(*, desk: Desk, slug: str, now=None) -> QuerySet[ChildcareRequest]:
    """The requests in one queue of one desk, sorted by what needs action first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    base = demand_selectors.requests_of_desks([desk.pk])
    ever_offered = Exists(
        demand_selectors.status_changes().filter(request=OuterRef("pk"), to_status=Status.OFFERED)
    )
    if slug == "urgent":
        return (
            base.filter(urgent=True, status__in=OPEN_STATUSES)
            .annotate(
                waiting=Case(
                    When(status__in=WAITING_STATUSES, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("waiting", "start_earliest", "-urgency_set_at", "registered_at", "pk")
        )
    if slug == "expiring":
        open_offers = allocation_selectors.offers_open().filter(request=OuterRef("pk"))
        expiring = open_offers.filter(deadline__lte=now + timedelta(days=OFFER_EXPIRING_DAYS))
        deadline = open_offers.values("deadline")[:1]
        return (
            base.filter(Exists(expiring)).annotate(offer_deadline=deadline).order_by("offer_deadline", "pk")
        )
    if slug == "vulnerable":
        cutoff = now - timedelta(weeks=desk.followup_after_weeks)
        return (
            base.filter(vulnerable_condition(), status=Status.REGISTERED, registered_at__lte=cutoff)
            .exclude(ever_offered)
            .order_by("registered_at", "pk")
        )
    if slug == "start-near":
        return base.filter(
            status__in=WAITING_STATUSES,
            start_earliest__lte=today + timedelta(days=START_NEAR_DAYS),
            start_latest__gte=today.replace(day=1),
        ).order_by("start_earliest", "registered_at", "pk")
    if slug == "new":
        return (
            base.filter(status=Status.REGISTERED, facts_confirmed_at__isnull=True)
            .exclude(Exists(RequestCheck.objects.filter(request=OuterRef("pk"))))
            .order_by("registered_at", "pk")
        )
    if slug == "duplicates":
        # The same test as `possible_duplicates` (one request at a time), as one query over the desk's queue: the
        # keys two or more open requests share, grouped once, instead of comparing every request with every other
        # (a name compared without case cannot use an index: 9 s for 10,000 requests).
        return (
            base.filter(status__in=OPEN_STATUSES)
            .annotate(
                birth_date_key=_name_and(F("child__birth_date")), due_date_key=_name_and(F("child__due_date"))
            )
            .filter(
                Q(
                    ~Q(child__national_number_hash=""),
                    child__national_number_hash__in=_shared_keys(
                        desk, F("child__national_number_hash"), ~Q(child__national_number_hash="")
                    ),
                )
                | _same_name_and(desk, "birth_date")
                | _same_name_and(desk, "due_date")
            )
            .order_by("child__first_name", "registered_at", "pk")
        )
    if slug == "reconfirm":
        cutoff = now - timedelta(days=desk.reconfirm_every_days)
        return (
            base.filter(status__in=WAITING_STATUSES)
            .filter(Q(last_confirmed_at__lte=cutoff) | Q(last_confirmed_at__isnull=True))
            .order_by("last_confirmed_at", "registered_at", "pk")
        )
    raise KeyError(slug)


def queue_counts(*, desk: Desk, now=None) -> list[dict]:
    return [
        {"queue": queue, "count": queue_requests(desk=desk, slug=queue.slug, now=now).count()}
        for queue in QUEUES
    ]


def tasks_due(*, desks, owner=None) -> QuerySet[Task]:
    """The open tasks of these desks (a queryset of desks or a list), by due date; one query however many desks."""
    tasks = Task.objects.filter(family__desk__in=desks, done_at__isnull=True).select_related(
        "family", "owner"
    )
    if owner is not None:
        tasks = tasks.filter(owner=owner)
    return tasks.order_by("due_on", "pk")


# --- the case of one family ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    at: object
    kind: str
    title: str
    detail: str = ""
    by: str = ""
    request_id: int | None = None


def _who(user) -> str:
    return user.get_full_name() if user else ""


def case_timeline(*, family: Family) -> list[TimelineEntry]:
    """Everything that happened in a family's file, newest first: status changes, urgency, checks, contacts,
    notes, tasks, referrals and merges."""
    requests = demand_selectors.requests_of_families([family.pk])
    entries: list[TimelineEntry] = []
    for change in (
        demand_selectors.status_changes().filter(request__in=requests).select_related("by", "request__child")
    ):
        entries.append(
            TimelineEntry(
                change.at,
                "status",
                _("Status: %(status)s") % {"status": change.get_to_status_display()},
                change.reason,
                _who(change.by),
                change.request_id,
            )
        )
    urgency_events = events_about_family(family.pk, events=["request.urgency_set", "request.urgency_lifted"])
    for event in urgency_events:
        title = _("Marked urgent") if event.event == "request.urgency_set" else _("Urgency lifted")
        # The actor's name, as on every other entry (the trail keeps the e-mail address only for a removed account).
        who = _who(event.actor) if event.actor else event.actor_label
        entries.append(TimelineEntry(event.at, "urgency", title, event.reason, who))
    for request in requests.filter(facts_confirmed_at__isnull=False).select_related("facts_confirmed_by"):
        entries.append(
            TimelineEntry(
                request.facts_confirmed_at,
                "facts",
                _("Priority facts confirmed"),
                _("Proof seen: %(where)s") % {"where": request.facts_proof_seen},
                _who(request.facts_confirmed_by),
                request.pk,
            )
        )
    for contact in ContactMoment.objects.filter(family=family).select_related("by"):
        detail = contact.summary
        if contact.interpreter_used:
            interpreter = _("Interpreter used")
            if contact.interpreter_language:
                interpreter = f"{interpreter} ({contact.interpreter_language})"
            detail = f"{interpreter}. {detail}".strip()
        if not contact.reached:
            detail = f"{_('Not reached.')} {detail}".strip()
        entries.append(
            TimelineEntry(
                contact.at,
                "contact",
                contact.get_kind_display(),
                detail,
                _who(contact.by),
                contact.request_id,
            )
        )
    for note in Note.objects.filter(family=family).select_related("author"):
        entries.append(
            TimelineEntry(note.at, "note", _("Note"), note.text, _who(note.author), note.request_id)
        )
    for task in Task.objects.filter(family=family).select_related("created_by", "done_by", "owner"):
        entries.append(
            TimelineEntry(
                task.created_at,
                "task",
                _("Task: %(title)s") % {"title": task.title},
                _("Due %(date)s, owner %(owner)s")
                % {"date": date_format(task.due_on, "SHORT_DATE_FORMAT"), "owner": _who(task.owner)},
                _who(task.created_by),
                task.request_id,
            )
        )
        if task.done_at:
            entries.append(
                TimelineEntry(
                    task.done_at,
                    "task",
                    _("Task done: %(title)s") % {"title": task.title},
                    "",
                    _who(task.done_by),
                )
            )
    for referral in Referral.objects.filter(family=family).select_related(
        "partner", "created_by", "accepted_by", "closed_by"
    ):
        what = {"partner": referral.partner.name, "need": referral.get_need_display()}
        entries.append(
            TimelineEntry(
                referral.created_at,
                "referral",
                _("Referred to %(partner)s for: %(need)s") % what,
                _("Consent: %(how)s") % {"how": referral.consent_how}
                + (f" · {_('warm referral, accompanied by the desk')}" if referral.accompanied else ""),
                _who(referral.created_by),
            )
        )
        if referral.accepted_at:
            entries.append(
                TimelineEntry(
                    referral.accepted_at,
                    "referral",
                    _("%(partner)s accepted the referral") % what,
                    "",
                    _who(referral.accepted_by),
                )
            )
        if referral.closed_at:
            if referral.status == ReferralStatus.CANCELLED:
                title = _("Referral to %(partner)s cancelled") % what
            else:
                title = _("%(partner)s closed the referral: %(outcome)s") % {
                    **what,
                    "outcome": referral.get_outcome_display(),
                }
            entries.append(
                TimelineEntry(
                    referral.closed_at, "referral", title, referral.outcome_note, _who(referral.closed_by)
                )
            )
    for merge in RequestMerge.objects.filter(Q(kept__in=requests) | Q(duplicate__in=requests)).select_related(
        "by"
    ):
        entries.append(
            TimelineEntry(
                merge.at,
                "merge",
                _("Duplicate registration merged"),
                _("Registration date kept: %(date)s")
                % {"date": date_format(timezone.localtime(merge.registered_at_after), "SHORT_DATE_FORMAT")},
                _who(merge.by),
                merge.kept_id,
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def possible_duplicates(*, request: ChildcareRequest) -> QuerySet[ChildcareRequest]:
    """Other open requests at the same desk that look like the same child: the same national-number hash, or the
    same first name and date of birth (or due date)."""
    child = request.child
    same = Q()
    if child.national_number_hash:
        same |= Q(child__national_number_hash=child.national_number_hash)
    if child.first_name and child.birth_date:
        same |= Q(child__first_name__iexact=child.first_name, child__birth_date=child.birth_date)
    if child.first_name and child.due_date:
        same |= Q(child__first_name__iexact=child.first_name, child__due_date=child.due_date)
    requests = demand_selectors.requests_of_desks([request.desk_id])
    if (child.birth_date is None and child.due_date is None) or not same:
        return requests.none()
    return requests.filter(same, status__in=OPEN_STATUSES).exclude(pk=request.pk)


def offers_of(*, family: Family) -> QuerySet[Offer]:
    return allocation_selectors.offers_of_family(family.pk)


# --- referrals ---------------------------------------------------------------------------------------------


def referrals_for_desk(scope: Scope) -> QuerySet[Referral]:
    return Referral.objects.filter(desk__in=desks_of(scope)).select_related("partner", "family")


def referrals_for_partner(scope: Scope) -> QuerySet[Referral]:
    """A partner adviser's referrals: only those to their organisation. Views must show only the referral's
    own fields (need, message, shared contact), never the family's file."""
    if scope.is_superuser:
        return Referral.objects.select_related("partner")
    return Referral.objects.filter(partner_id__in=scope.partner_ids).select_related("partner")


def partner_referral_order(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.annotate(
        open_first=Case(
            When(status=ReferralStatus.SENT, then=Value(0)),
            When(status=ReferralStatus.ACCEPTED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("open_first", "-created_at")


# --- local consultation ------------------------------------------------------------------------------------


def meetings_of(scope: Scope) -> QuerySet[ConsultationMeeting]:
    return ConsultationMeeting.objects.filter(desk__in=desks_of(scope)).select_related("desk")


def referrals_waiting_for_partner(scope: Scope) -> QuerySet[Referral]:
    """Referrals to the partner's organisation that wait for its answer."""
    return referrals_for_partner(scope).filter(status=ReferralStatus.SENT)


def referrals_followed_by_partner(scope: Scope) -> QuerySet[Referral]:
    """Referrals the partner accepted and still follows up."""
    return referrals_for_partner(scope).filter(status=ReferralStatus.ACCEPTED)


def referral_contacts(family) -> list[tuple[str, str, str]]:
    """The name, phone number and e-mail address shared with partners in each of a family's referrals."""
    return list(
        Referral.objects.filter(family=family).values_list("shared_name", "shared_phone", "shared_email")
    )
