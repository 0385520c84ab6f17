"""Reads of events: the public programme (intakes are for starters only), an agent's overview, a registration's
place on the waiting list and attendance per organiser."""

from django.db.models import Count, Q
from django.utils import timezone

from ..models import HOLDS_A_PLACE, Event, EventKind, EventMessage, Registration, RegistrationStatus


def _with_counts(events):
    return events.annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=HOLDS_A_PLACE)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )


def upcoming_events(now=None, *, include_intakes: bool = False):
    now = now or timezone.now()
    events = Event.objects.filter(starts_at__gt=now)
    if not include_intakes:
        events = events.exclude(kind=EventKind.INTAKE)
    return _with_counts(events)


def intake_slots(now=None):
    """Intake sessions a starter can still book: upcoming, with a free place."""
    return [
        e
        for e in upcoming_events(now, include_intakes=True).filter(kind=EventKind.INTAKE)
        if e.taken < e.capacity
    ]


def events_for_agents(*, past: bool = False, now=None, limit: int = 100):
    now = now or timezone.now()
    events = Event.objects.filter(starts_at__lt=now) if past else Event.objects.filter(starts_at__gte=now)
    return _with_counts(events).order_by("-starts_at" if past else "starts_at")[:limit]


def event_registrations(event: Event):
    return event.registrations.select_related("organiser", "starter").order_by("status", "created_at", "pk")


def other_sessions(event: Event, *, now=None):
    """Events a registration can be moved to: upcoming ones of the same series or the same kind and theme."""
    now = now or timezone.now()
    same = Q(series_id=event.series_id) if event.series_id else Q(kind=event.kind, theme=event.theme)
    return _with_counts(Event.objects.filter(same, starts_at__gt=now).exclude(pk=event.pk)).order_by(
        "starts_at"
    )


def event_messages(event: Event):
    return EventMessage.objects.filter(event=event).select_related("sent_by")


def waiting_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        registration.event.registrations.filter(
            status=RegistrationStatus.WAITING, created_at__lte=registration.created_at
        )
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
        .count()
    )


def attendance_by_organiser():
    """Per organiser and event: registered (confirmed) and attended."""
    rows = (
        Registration.objects.filter(status=RegistrationStatus.CONFIRMED, event__ends_at__lt=timezone.now())
        .values("organiser__name", "organisation_name", "event__title", "event__starts_at")
        .annotate(registered=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
        .order_by("organiser__name", "organisation_name", "event__starts_at")
    )
    return list(rows)
