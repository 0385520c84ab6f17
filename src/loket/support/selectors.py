"""Read queries of the support desk, narrowed to the person's scope."""

import statistics
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from loket.accounts.models import Role
from loket.accounts.policies import Scope
from loket.core.months import add_months

from .business_time import business_seconds_between
from .models import (
    HOLDS_A_PLACE,
    Event,
    Outcome,
    Question,
    Registration,
    RegistrationStatus,
    StarterStep,
    StarterTrack,
    Status,
    Theme,
)

OPEN = (Status.NEW, Status.ANSWERED, Status.REFERRED, Status.WAITING)
CLOCK_RUNS = (Status.NEW, Status.REFERRED)


def questions_visible_to(scope: Scope, user=None):
    questions = Question.objects.select_related("partner", "organiser", "location")
    if scope.is_superuser or Role.SUPPORT_AGENT in scope.roles:
        return questions
    mine = Q(partner_id__in=scope.partner_ids) | Q(organiser_id__in=scope.organiser_ids)
    if user is not None and user.is_authenticated:
        mine |= Q(asker=user)
    return questions.filter(mine)


def question_for(scope: Scope, pk: int, user=None) -> Question:
    question = questions_visible_to(scope, user).filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def mark_overdue(questions, now=None):
    now = now or timezone.now()
    for question in questions:
        question.overdue = question.status in CLOCK_RUNS and question.due_at < now
    return questions


def queue(questions, *, status: str = "", theme: str = "", now=None) -> list[Question]:
    """Open questions: overdue first, then by due moment; those waiting for the asker (clock stopped) last."""
    questions = questions.filter(status__in=OPEN)
    if status:
        questions = questions.filter(status=status)
    if theme:
        questions = questions.filter(theme=theme)
    items = mark_overdue(list(questions), now)
    rank = {Status.NEW: 0, Status.REFERRED: 0, Status.ANSWERED: 1, Status.WAITING: 2}
    items.sort(key=lambda q: (not q.overdue, rank[q.status], q.due_at))
    return items


def thread(question: Question, *, with_internal: bool):
    messages = question.messages.select_related("author")
    return messages if with_internal else messages.filter(internal=False)


@dataclass
class LocationContext:
    name: str
    care_type: str
    capacity: int
    enrolled: int
    free_places: int


def organiser_context(organiser) -> dict:
    """The agent's context panel: the organiser's locations, capacity, declared free places and how fast they
    answer families' requests."""
    from loket.supply.models import ProviderAnswer
    from loket.supply.selectors import openings_current

    if organiser is None:
        return {}
    locations = list(organiser.locations.filter(active=True).order_by("name"))
    free = dict(
        openings_current(location_ids=[loc.pk for loc in locations])
        .values("location_id")
        .annotate(n=Sum("count"))
        .values_list("location_id", "n")
    )
    rows = [
        LocationContext(
            name=loc.name,
            care_type=loc.get_care_type_display(),
            capacity=loc.licensed_capacity,
            enrolled=loc.enrolled_total,
            free_places=free.get(loc.pk, 0) or 0,
        )
        for loc in locations
    ]
    since = timezone.now() - timedelta(days=365)
    days = [
        (answered - registered).days
        for answered, registered in ProviderAnswer.objects.filter(
            location__organiser=organiser, answered_at__gte=since
        ).values_list("answered_at", "request__registered_at")
        if registered is not None
    ]
    return {
        "organiser": organiser,
        "locations": rows,
        "capacity": sum(r.capacity for r in rows),
        "free_places": sum(r.free_places for r in rows),
        "answers": len(days),
        "answer_days": statistics.median(days) if days else None,
        "earlier_questions": Question.objects.filter(organiser=organiser).count(),
    }


def track_progress(track: StarterTrack) -> list[dict]:
    done = {d.step_id: d for d in track.done.all()}
    return [
        {"step": step, "done": done.get(step.pk)}
        for step in StarterStep.objects.prefetch_related("articles").select_related("partner")
    ]


def tracks_visible_to(scope: Scope):
    tracks = StarterTrack.objects.select_related("question__partner").order_by("-created_at")
    if scope.is_superuser or Role.SUPPORT_AGENT in scope.roles:
        return tracks
    return tracks.filter(question__partner_id__in=scope.partner_ids)


def upcoming_events(now=None):
    now = now or timezone.now()
    return Event.objects.filter(starts_at__gt=now).annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=HOLDS_A_PLACE)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )


def attendance_by_organiser():
    """Per organiser and event: registered (confirmed) and attended."""
    rows = (
        Registration.objects.filter(status=RegistrationStatus.CONFIRMED, event__ends_at__lt=timezone.now())
        .values("organiser__name", "event__title", "event__starts_at")
        .annotate(registered=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
        .order_by("organiser__name", "event__starts_at")
    )
    return list(rows)


def figures(*, months: int = 12, now=None) -> dict:
    now = now or timezone.now()
    # The last `months` calendar months, this one included, from the first of the month (local time).
    first = add_months(timezone.localdate(now), 1 - months)
    since = timezone.make_aware(datetime.combine(first, time.min))
    questions = Question.objects.filter(created_at__gte=since)
    theme_labels = dict(Theme.choices)
    per_month: dict = {}
    for row in (
        questions.annotate(month=TruncMonth("created_at"))
        .values("month", "theme")
        .annotate(n=Count("pk"))
        .order_by("month")
    ):
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        per_month.setdefault(month, dict.fromkeys(theme_labels, 0))[row["theme"]] = row["n"]
    hours = [
        business_seconds_between(asked, answered) / 3600
        for asked, answered in questions.filter(first_answered_at__isnull=False).values_list(
            "created_at", "first_answered_at"
        )
    ]
    closed = questions.filter(status=Status.CLOSED)
    n_closed = closed.count()
    n_article = closed.filter(outcome=Outcome.ARTICLE).count()
    referrals = list(
        questions.filter(partner__isnull=False)
        .values("partner__name")
        .annotate(n=Count("pk"), closed=Count("pk", filter=Q(status=Status.CLOSED)))
        .order_by("-n", "partner__name")
    )
    events = list(
        Event.objects.filter(starts_at__gte=since)
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            attended=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("starts_at")
    )
    for event in events:
        event.fill_rate = round(100 * event.confirmed / event.capacity) if event.capacity else 0
    return {
        "themes": list(theme_labels.items()),
        "per_month": [
            {"month": month, "counts": [counts[t] for t in theme_labels], "total": sum(counts.values())}
            for month, counts in sorted(per_month.items())
        ],
        "answered": len(hours),
        "hours_mean": round(statistics.mean(hours), 1) if hours else None,
        "hours_median": round(statistics.median(hours), 1) if hours else None,
        "closed": n_closed,
        "closed_by_article": n_article,
        "article_share": round(100 * n_article / n_closed) if n_closed else None,
        "referrals": referrals,
        "events": events,
    }
