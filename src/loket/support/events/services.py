"""Writes of events, like a ticket shop for a training: registering (with a limit per organisation), the waiting
list whose freed place is offered for a limited time, approval, cancelling, moving and promoting by an agent, messages
to everyone registered, check-in at the door (from the list or the ticket's QR code), reminders and follow-ups."""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from loket.audit.services import audit_record
from loket.core.links import public_url
from loket.core.mail import mail_template_later

from ..errors import SupportError
from ..models import ENDED, HOLDS_A_PLACE, Event, EventMessage, EventSeries, Registration, RegistrationStatus

REGISTRATION_SALT = "loket.support.registration"
CHECK_IN_SALT = "loket.support.check_in"


def _person(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def registration_token(registration: Registration) -> str:
    return signing.Signer(salt=REGISTRATION_SALT).sign_object(
        {"r": registration.pk, "e": registration.event_id}
    )


def registration_from_token(token: str) -> Registration | None:
    try:
        data = signing.Signer(salt=REGISTRATION_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.filter(pk=data.get("r"), event_id=data.get("e")).select_related("event").first()
    )


def check_in_token(registration: Registration) -> str:
    """What the ticket's QR code carries: a link only a support agent can use."""
    return signing.Signer(salt=CHECK_IN_SALT).sign_object({"r": registration.pk})


def registration_from_check_in(token: str) -> Registration | None:
    try:
        data = signing.Signer(salt=CHECK_IN_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(pk=data.get("r")).select_related("event").first()


def registration_link(registration: Registration) -> str:
    return public_url(reverse("support:registration", args=[registration_token(registration)]))


def _mail_registration(registration: Registration, what: str, **context) -> None:
    event = registration.event
    mail_template_later(
        to=[registration.email],
        language=getattr(registration.user, "preferred_language", None) or "nl",
        subject_template="support/mail/event_subject.txt",
        body_template="support/mail/event_body.txt",
        context={
            "registration": registration,
            "event": event,
            "what": what,
            "link": registration_link(registration),
            # The join link goes only to people with a place, never to the waiting list.
            "join_url": event.join_url if registration.status == RegistrationStatus.CONFIRMED else "",
            **context,
        },
    )


def places_taken(event: Event) -> int:
    return event.registrations.filter(status__in=HOLDS_A_PLACE).count()


def _organisation_key(organiser, organisation_name: str) -> Q | None:
    if organiser is not None:
        return Q(organiser=organiser)
    if organisation_name.strip():
        return Q(organisation_name__iexact=organisation_name.strip(), organiser__isnull=True)
    return None


def _check_organisation_limit(event: Event, organiser, organisation_name: str, *, exclude=None) -> None:
    if not event.max_per_organisation:
        return
    key = _organisation_key(organiser, organisation_name)
    if key is None:
        return
    taken = event.registrations.filter(key).exclude(status__in=ENDED)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.count() >= event.max_per_organisation:
        raise SupportError(
            ngettext(
                "Each organisation may register at most %(n)s person for this event.",
                "Each organisation may register at most %(n)s people for this event.",
                event.max_per_organisation,
            )
            % {"n": event.max_per_organisation}
        )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    actor=None,
    organiser=None,
    organisation_name: str = "",
    starter=None,
    at=None,
) -> Registration:
    now = at or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.starts_at <= now:
        raise SupportError(_("This event has already started."))
    existing = event.registrations.filter(email__iexact=email.strip()).exclude(status__in=ENDED)
    if existing.exists():
        return existing.first()
    _check_organisation_limit(event, organiser, organisation_name)
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).exists()
    if places_taken(event) < event.capacity and not waiting:
        status = RegistrationStatus.PENDING if event.needs_approval else RegistrationStatus.CONFIRMED
    else:
        status = RegistrationStatus.WAITING
    registration = Registration.objects.create(
        event=event,
        user=_person(actor),
        starter=starter,
        name=name.strip(),
        email=email.strip(),
        organiser=organiser,
        organisation_name=organisation_name.strip()[:200],
        status=status,
        created_at=now,
    )
    _mail_registration(registration, status)
    return registration


def _offer_next(event: Event, now) -> Registration | None:
    if places_taken(event) >= event.capacity or event.starts_at <= now:
        return None
    nxt = event.registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk").first()
    if nxt is None:
        return None
    nxt.status = RegistrationStatus.OFFERED
    nxt.offered_until = min(now + timedelta(hours=event.offer_hours), event.starts_at)
    nxt.save(update_fields=["status", "offered_until"])
    _mail_registration(nxt, "offered")
    return nxt


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None, at=None) -> Registration:
    """Cancelling frees a place: the first person on the waiting list is offered it for a limited time. An agent's
    cancel is mailed to the person; their own is not."""
    now = at or timezone.now()
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_related("event", "user").get(pk=registration.pk)
    if registration.status in ENDED:
        return registration
    registration.status = RegistrationStatus.CANCELLED
    registration.offered_until = None
    registration.save(update_fields=["status", "offered_until"])
    if _person(actor) is not None and registration.user_id != actor.pk:
        _mail_registration(registration, "cancelled_by_desk")
        audit_record(actor=actor, event="support_registration.cancelled", obj=registration)
    _offer_next(event, now)
    return registration


@transaction.atomic
def registration_claim(*, registration: Registration, at=None) -> Registration:
    now = at or timezone.now()
    registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if registration.status != RegistrationStatus.OFFERED or (
        registration.offered_until and registration.offered_until < now
    ):
        raise SupportError(_("This place is no longer offered to you."))
    registration.status = (
        RegistrationStatus.PENDING if registration.event.needs_approval else RegistrationStatus.CONFIRMED
    )
    registration.offered_until = None
    registration.save(update_fields=["status", "offered_until"])
    _mail_registration(registration, registration.status)
    return registration


@transaction.atomic
def registration_decide(*, registration: Registration, approve: bool, actor, at=None) -> Registration:
    now = at or timezone.now()
    registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        return registration
    registration.status = RegistrationStatus.CONFIRMED if approve else RegistrationStatus.DECLINED
    registration.save(update_fields=["status"])
    _mail_registration(registration, registration.status)
    audit_record(actor=actor, event="support_registration.decided", obj=registration, approved=approve)
    if not approve:
        _offer_next(registration.event, now)
    return registration


@transaction.atomic
def registration_promote(*, registration: Registration, actor, at=None) -> Registration:
    """An agent gives someone on the waiting list (or with an offer) a place at once, also when the event is full:
    the agent decides to take one more."""
    now = at or timezone.now()
    Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    if registration.status not in (RegistrationStatus.WAITING, RegistrationStatus.OFFERED):
        raise SupportError(_("Only someone on the waiting list can be given a place."))
    if registration.event.starts_at <= now:
        raise SupportError(_("This event has already started."))
    registration.status = RegistrationStatus.CONFIRMED
    registration.offered_until = None
    registration.save(update_fields=["status", "offered_until"])
    _mail_registration(registration, RegistrationStatus.CONFIRMED)
    audit_record(actor=actor, event="support_registration.promoted", obj=registration)
    return registration


@transaction.atomic
def registration_move(*, registration: Registration, to_event: Event, actor, at=None) -> Registration:
    """Move a registration to another event (another session of a series, a new date). The person keeps a place if
    the other event has one, else joins its waiting list; the place left behind is offered to the next in line."""
    now = at or timezone.now()
    if to_event.pk == registration.event_id:
        return registration
    first, second = sorted([registration.event_id, to_event.pk])
    Event.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk").count()
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    to_event = Event.objects.get(pk=to_event.pk)
    if registration.status in ENDED:
        raise SupportError(_("A cancelled registration cannot be moved."))
    if to_event.starts_at <= now:
        raise SupportError(_("The other event has already started."))
    if to_event.registrations.filter(email__iexact=registration.email).exclude(status__in=ENDED).exists():
        raise SupportError(_("This person is already registered for the other event."))
    _check_organisation_limit(to_event, registration.organiser, registration.organisation_name)
    old_event = registration.event
    has_room = (
        places_taken(to_event) < to_event.capacity
        and not to_event.registrations.filter(status=RegistrationStatus.WAITING).exists()
    )
    registration.event = to_event
    registration.status = (
        (RegistrationStatus.PENDING if to_event.needs_approval else RegistrationStatus.CONFIRMED)
        if has_room
        else RegistrationStatus.WAITING
    )
    registration.offered_until = None
    registration.attended = None
    registration.checked_in_at = None
    registration.save()
    audit_record(actor=actor, event="support_registration.moved", obj=registration, from_event=old_event.pk)
    _mail_registration(registration, "moved", old_event=old_event)
    _offer_next(old_event, now)
    return registration


@transaction.atomic
def registration_check_in(*, registration: Registration, actor, undo: bool = False, at=None) -> Registration:
    """At the door: the person is there (from the list, or by scanning the QR code on their ticket)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise SupportError(_("Only confirmed registrations can be checked in."))
    registration.checked_in_at = None if undo else (registration.checked_in_at or at or timezone.now())
    registration.attended = not undo
    registration.save(update_fields=["checked_in_at", "attended"])
    return registration


@transaction.atomic
def event_message_send(
    *, event: Event, audience: str, subject: str, body: str, actor, at=None
) -> EventMessage:
    """Mail everyone registered (with a place, on the waiting list, or both), each with the link to their registration."""
    now = at or timezone.now()
    statuses = {
        EventMessage.Audience.CONFIRMED: (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING),
        EventMessage.Audience.WAITING: (RegistrationStatus.WAITING, RegistrationStatus.OFFERED),
        EventMessage.Audience.ALL: (*HOLDS_A_PLACE, RegistrationStatus.WAITING),
    }[audience]
    registrations = list(event.registrations.filter(status__in=statuses).select_related("event", "user"))
    for registration in registrations:
        _mail_registration(
            registration, "message", message_subject=subject.strip(), message_body=body.strip()
        )
    message = EventMessage.objects.create(
        event=event,
        audience=audience,
        subject=subject.strip(),
        body=body.strip(),
        recipients=len(registrations),
        sent_at=now,
        sent_by=_person(actor),
    )
    audit_record(actor=actor, event="support_event.message_sent", obj=event, recipients=len(registrations))
    return message


def process_waitlists(*, now=None) -> int:
    """The scheduled job: offers not claimed in time lapse and the place passes on to the next person waiting."""
    now = now or timezone.now()
    passed = 0
    for registration in Registration.objects.filter(
        status=RegistrationStatus.OFFERED, offered_until__lt=now
    ).select_related("event"):
        with transaction.atomic():
            Event.objects.select_for_update().get(pk=registration.event_id)
            updated = Registration.objects.filter(
                pk=registration.pk, status=RegistrationStatus.OFFERED
            ).update(status=RegistrationStatus.LAPSED, offered_until=None)
            if updated:
                registration.status = RegistrationStatus.LAPSED
                _mail_registration(registration, "lapsed")
                _offer_next(registration.event, now)
                passed += 1
    return passed


def send_reminders(*, now=None) -> int:
    """Reminders a day before an event; follow-up mails to attendees and no-shows once attendance is recorded."""
    now = now or timezone.now()
    sent = 0
    for event in Event.objects.filter(
        reminder_sent_at__isnull=True, starts_at__gt=now, starts_at__lte=now + timedelta(days=1)
    ):
        with transaction.atomic():
            if Event.objects.filter(pk=event.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now):
                for registration in event.registrations.filter(status=RegistrationStatus.CONFIRMED):
                    _mail_registration(registration, "reminder")
                    sent += 1
    for event in Event.objects.filter(followup_sent_at__isnull=True, ends_at__lt=now):
        registrations = event.registrations.filter(
            status=RegistrationStatus.CONFIRMED, attended__isnull=False
        )
        if not registrations.exists():
            continue
        with transaction.atomic():
            if Event.objects.filter(pk=event.pk, followup_sent_at__isnull=True).update(followup_sent_at=now):
                for registration in registrations:
                    _mail_registration(registration, "thanks" if registration.attended else "missed")
                    sent += 1
    return sent


def attendance_set(*, event: Event, attended_ids, actor) -> None:
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
    ids = [int(i) for i in attended_ids if str(i).isdigit()]
    now = timezone.now()
    confirmed.filter(pk__in=ids, checked_in_at__isnull=True).update(attended=True, checked_in_at=now)
    confirmed.filter(pk__in=ids).update(attended=True)
    confirmed.exclude(pk__in=ids).update(attended=False, checked_in_at=None)


@transaction.atomic
def event_save(*, data: dict, actor, event: Event | None = None) -> Event:
    """Create or change an event (the form validated `data`); changing capacity offers freed places."""
    event = event or Event()
    created = event.pk is None
    for field, value in data.items():
        setattr(event, field, value)
    event.full_clean()
    event.save()
    audit_record(
        actor=actor, event="support_event.created" if created else "support_event.changed", obj=event
    )
    if not created:
        _offer_next(event, timezone.now())
    return event


@transaction.atomic
def series_create(*, first: Event, title: str, every_weeks: int, count: int) -> EventSeries:
    """A recurring series: copies of `first` every `every_weeks` weeks, `count` events in all."""
    series = EventSeries.objects.create(title=title, every_weeks=every_weeks)
    first.series = series
    first.save(update_fields=["series"])
    copied = (
        "title",
        "description",
        "kind",
        "theme",
        "online",
        "join_url",
        "venue",
        "province",
        "capacity",
        "max_per_organisation",
        "needs_approval",
        "offer_hours",
    )
    for n in range(1, count):
        shift = timedelta(weeks=every_weeks * n)
        Event.objects.create(
            series=series,
            starts_at=first.starts_at + shift,
            ends_at=first.ends_at + shift,
            **{field: getattr(first, field) for field in copied},
        )
    return series
