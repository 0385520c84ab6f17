"""Business rules of the support desk, as plain functions: asking, answering, referring and closing questions; the
knowledge base; the starters' track; events with their waiting list. Mails go through the outbox."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.audit.services import audit_record
from loket.core.mail import mail_template_later

from .business_time import add_business_hours, add_business_seconds, business_seconds_between
from .models import (
    HOLDS_A_PLACE,
    Article,
    ArticleVersion,
    Channel,
    Event,
    EventSeries,
    Message,
    Outcome,
    Question,
    Registration,
    RegistrationStatus,
    ResponseTarget,
    RoutingRule,
    StarterTrack,
    Status,
    StepDone,
    Theme,
)
from .search import stems, tokens_of

# Default response-time targets in business hours (a desk sets its own in ResponseTarget).
DEFAULT_TARGET_HOURS = {
    Theme.GENERAL: 8,
    Theme.ENTREPRENEURSHIP: 16,
    Theme.ORGANISATION: 16,
    Theme.PEDAGOGY: 24,
    Theme.INCLUSIVE: 16,
}
QUESTION_SALT = "loket.support.question"
REGISTRATION_SALT = "loket.support.registration"


class SupportError(Exception):
    pass


def site_link(path: str) -> str:
    return getattr(settings, "LOKET_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


# --- questions -----------------------------------------------------------------------------------------------------


def target_hours(theme: str) -> int:
    target = ResponseTarget.objects.filter(theme=theme).values_list("business_hours", flat=True).first()
    return target if target is not None else DEFAULT_TARGET_HOURS.get(theme, 16)


def follow_token(question: Question) -> str:
    return signing.Signer(salt=QUESTION_SALT).sign_object({"q": question.pk, "r": question.reference})


def question_from_token(token: str) -> Question | None:
    try:
        data = signing.Signer(salt=QUESTION_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return Question.objects.filter(pk=data.get("q"), reference=data.get("r")).first()


def follow_link(question: Question) -> str:
    return site_link(reverse("support:follow", args=[follow_token(question)]))


def _mail_asker(question: Question, what: str, **context) -> None:
    mail_template_later(
        to=[question.asker_email],
        language=question.language,
        subject_template="support/mail/question_subject.txt",
        body_template="support/mail/question_body.txt",
        context={"question": question, "what": what, "link": follow_link(question), **context},
    )


def _mail_partner(question: Question, what: str) -> None:
    if question.partner and question.partner.email:
        mail_template_later(
            to=[question.partner.email],
            language="nl",
            subject_template="support/mail/partner_subject.txt",
            body_template="support/mail/partner_body.txt",
            context={
                "question": question,
                "what": what,
                "link": site_link(reverse("support:partner_question", args=[question.pk])),
            },
        )


@transaction.atomic
def question_ask(
    *,
    subject: str,
    body: str,
    name: str,
    email: str,
    actor,
    theme: str = Theme.GENERAL,
    channel: str = Channel.WEB,
    language: str = "nl",
    is_starter: bool = False,
    organiser=None,
    location=None,
    at=None,
) -> Question:
    """A new question: asked on the web (with or without an account), or logged by an agent from a phone call or a
    regional contact moment. The asker receives a link to follow it."""
    now = at or timezone.now()
    asker = actor if channel == Channel.WEB and getattr(actor, "is_authenticated", False) else None
    if location is not None and organiser is None:
        organiser = location.organiser
    question = Question.objects.create(
        subject=subject.strip()[:200],
        body=body.strip(),
        theme=theme,
        channel=channel,
        is_starter=is_starter,
        asker=asker,
        asker_name=name.strip(),
        asker_email=email.strip(),
        language=language or "nl",
        organiser=organiser,
        location=location,
        created_at=now,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        due_at=add_business_hours(now, target_hours(theme)),
    )
    if is_starter:
        StarterTrack.objects.create(question=question, created_at=now)
    audit_record(actor=actor, event="support_question.asked", obj=question, channel=channel)
    _mail_asker(question, "received")
    return question


@transaction.atomic
def question_signal(*, organiser, reason: str, actor, location=None) -> Question:
    """The families' desk signals that a provider needs support (for example many unanswered requests): a proactive
    question on the agent's queue, addressed to the organiser."""
    question = question_ask(
        subject=str(_("Support offered to %(organiser)s") % {"organiser": organiser.name}),
        body=reason,
        name=organiser.contact_name or organiser.name,
        email=organiser.email or "",
        actor=actor,
        theme=Theme.ORGANISATION,
        channel=Channel.PROACTIVE,
        organiser=organiser,
        location=location,
    )
    return question


def _reply_kind(actor, question) -> str:
    from loket.accounts.policies import scope_of

    scope = scope_of(actor)
    if question.partner_id and question.partner_id in scope.partner_ids:
        return Message.Author.PARTNER
    return Message.Author.AGENT


def _resume_clock(question: Question, now) -> None:
    """The clock stood still while waiting for the asker: push the due moment on by the business time that passed."""
    if question.waiting_since is not None:
        paused = business_seconds_between(question.waiting_since, now)
        question.due_at = add_business_seconds(question.due_at, paused)
        question.waiting_since = None


@transaction.atomic
def question_answer(
    *, question: Question, body: str, actor, internal: bool = False, wait_for_asker: bool = False, at=None
) -> Message:
    """An agent or the partner's adviser writes in the thread. An internal note changes nothing for the asker;
    otherwise the question is answered (or waits for the asker, which stops the clock) and the asker is mailed."""
    now = at or timezone.now()
    if question.status == Status.CLOSED:
        raise SupportError(_("This question is closed."))
    kind = _reply_kind(actor, question)
    message = Message.objects.create(
        question=question,
        author_kind=kind,
        author=actor,
        body=body.strip(),
        internal=internal,
        created_at=now,
    )
    if not internal:
        if question.first_answered_at is None:
            question.first_answered_at = now
        if wait_for_asker:
            question.status = Status.WAITING
            question.waiting_since = now
        else:
            _resume_clock(question, now)
            question.status = Status.ANSWERED
        question.save()
        _mail_asker(question, "answered")
    audit_record(actor=actor, event="support_question.answered", obj=question, internal=internal)
    return message


@transaction.atomic
def question_asker_reply(*, question: Question, body: str, actor=None, at=None) -> Message:
    """The asker writes back (through their link or account): the question goes back on the queue with a new
    target (or the paused clock runs again)."""
    now = at or timezone.now()
    if question.status == Status.CLOSED:
        raise SupportError(_("This question is closed."))
    message = Message.objects.create(
        question=question,
        author_kind=Message.Author.ASKER,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        body=body.strip(),
        created_at=now,
    )
    if question.status == Status.WAITING:
        _resume_clock(question, now)
    elif question.status == Status.ANSWERED:
        question.due_at = add_business_hours(now, target_hours(question.theme))
    question.status = Status.REFERRED if question.partner_id else Status.NEW
    question.save()
    _mail_partner(question, "reply")
    audit_record(actor=actor, event="support_question.asker_replied", obj=question)
    return message


def suggest_partner(question: Question):
    """The partner the routing rules send this question to, or None."""
    words = set(stems(f"{question.subject} {question.body}"))
    for rule in RoutingRule.objects.filter(theme=question.theme).select_related("partner"):
        keywords = [k.strip() for k in rule.keywords.split(",") if k.strip()]
        if not keywords or any(set(stems(k)) and set(stems(k)) <= words for k in keywords):
            return rule.partner
    return None


@transaction.atomic
def question_refer(*, question: Question, partner, actor, note: str = "", at=None) -> Question:
    now = at or timezone.now()
    if question.status == Status.CLOSED:
        raise SupportError(_("This question is closed."))
    question.partner = partner
    question.referred_at = now
    question.status = Status.REFERRED
    _resume_clock(question, now)
    question.save()
    Message.objects.create(
        question=question,
        author_kind=Message.Author.SYSTEM,
        author=actor,
        body=str(_("Referred to %(partner)s.") % {"partner": partner.name})
        + (f"\n\n{note.strip()}" if note.strip() else ""),
        created_at=now,
    )
    audit_record(actor=actor, event="support_question.referred", obj=question, partner_id=partner.pk)
    _mail_partner(question, "referred")
    _mail_asker(question, "referred")
    return question


@transaction.atomic
def question_plan_coaching(*, question: Question, on, note: str, actor, at=None) -> Question:
    now = at or timezone.now()
    question.coaching_on = on
    question.save(update_fields=["coaching_on"])
    body = str(_("Coaching planned on %(date)s.") % {"date": on.strftime("%d/%m/%Y")})
    question_answer(question=question, body=f"{body}\n\n{note}".strip(), actor=actor, at=now)
    return question


@transaction.atomic
def question_close(*, question: Question, outcome: str, actor, article=None, at=None) -> Question:
    now = at or timezone.now()
    if question.status == Status.CLOSED:
        return question
    question.status = Status.CLOSED
    question.closed_at = now
    question.outcome = outcome
    question.waiting_since = None
    if article is not None:
        question.article = article
    question.save()
    audit_record(actor=actor, event="support_question.closed", obj=question, outcome=outcome)
    if outcome != Outcome.ARTICLE:
        _mail_asker(question, "closed")
    return question


@transaction.atomic
def question_solved_by_article(*, question: Question, article: Article, actor=None, at=None) -> Question:
    """'This answered my question': the asker closes the question themselves and the article counts as useful."""
    if question.status != Status.CLOSED:
        article_mark_useful(article=article)
        Message.objects.create(
            question=question,
            author_kind=Message.Author.SYSTEM,
            body=str(_("The asker found the answer in “%(title)s”.") % {"title": article.title_nl}),
            created_at=at or timezone.now(),
        )
        question_close(question=question, outcome=Outcome.ARTICLE, actor=actor, article=article, at=at)
    return question


def step_toggle(*, track: StarterTrack, step, done: bool, actor, at=None) -> None:
    if done:
        StepDone.objects.get_or_create(
            track=track,
            step=step,
            defaults={
                "done_at": at or timezone.now(),
                "done_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
    else:
        StepDone.objects.filter(track=track, step=step).delete()


# --- knowledge base ------------------------------------------------------------------------------------------------

ARTICLE_FIELDS = ("theme", "tags", "title_nl", "body_nl", "title_en", "body_en")


@transaction.atomic
def article_save(*, data: dict, actor, article: Article | None = None, at=None) -> Article:
    """Create or edit an article; every saved state is kept as a numbered version."""
    now = at or timezone.now()
    if article is None:
        article = Article(slug=data["slug"], version=0)
    else:
        article = Article.objects.select_for_update().get(pk=article.pk)
    for field in ARTICLE_FIELDS:
        if field in data:
            setattr(article, field, data[field] or "")
    if "published" in data:
        article.published = bool(data["published"])
    article.version += 1
    article.updated_at = now
    article.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    article.search_tokens = tokens_of(
        article.title_nl, article.body_nl, article.title_en, article.body_en, article.tags
    )
    article.save()
    ArticleVersion.objects.create(
        article=article,
        version=article.version,
        edited_at=now,
        edited_by=article.updated_by,
        **{field: getattr(article, field) for field in ARTICLE_FIELDS},
    )
    return article


def article_mark_useful(*, article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(useful_count=F("useful_count") + 1)


# --- events --------------------------------------------------------------------------------------------------------


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


def _mail_registration(registration: Registration, what: str) -> None:
    mail_template_later(
        to=[registration.email],
        language="nl",
        subject_template="support/mail/event_subject.txt",
        body_template="support/mail/event_body.txt",
        context={
            "registration": registration,
            "event": registration.event,
            "what": what,
            "link": site_link(reverse("support:registration", args=[registration_token(registration)])),
        },
    )


def places_taken(event: Event) -> int:
    return event.registrations.filter(status__in=HOLDS_A_PLACE).count()


@transaction.atomic
def registration_create(
    *, event: Event, name: str, email: str, actor=None, organiser=None, at=None
) -> Registration:
    now = at or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.starts_at <= now:
        raise SupportError(_("This event has already started."))
    existing = event.registrations.filter(email__iexact=email.strip()).exclude(
        status__in=(RegistrationStatus.CANCELLED, RegistrationStatus.LAPSED, RegistrationStatus.DECLINED)
    )
    if existing.exists():
        return existing.first()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).exists()
    if places_taken(event) < event.capacity and not waiting:
        status = RegistrationStatus.PENDING if event.needs_approval else RegistrationStatus.CONFIRMED
    else:
        status = RegistrationStatus.WAITING
    registration = Registration.objects.create(
        event=event,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        name=name.strip(),
        email=email.strip(),
        organiser=organiser,
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
    """Cancelling frees a place: the first person on the waiting list is offered it for a limited time."""
    now = at or timezone.now()
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status in (
        RegistrationStatus.CANCELLED,
        RegistrationStatus.LAPSED,
        RegistrationStatus.DECLINED,
    ):
        return registration
    registration.status = RegistrationStatus.CANCELLED
    registration.offered_until = None
    registration.save(update_fields=["status", "offered_until"])
    _offer_next(event, now)
    return registration


@transaction.atomic
def registration_claim(*, registration: Registration, at=None) -> Registration:
    now = at or timezone.now()
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
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
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        return registration
    registration.status = RegistrationStatus.CONFIRMED if approve else RegistrationStatus.DECLINED
    registration.save(update_fields=["status"])
    _mail_registration(registration, registration.status)
    if not approve:
        _offer_next(registration.event, now)
    return registration


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
    confirmed.filter(pk__in=list(attended_ids)).update(attended=True)
    confirmed.exclude(pk__in=list(attended_ids)).update(attended=False)


@transaction.atomic
def series_create(*, first: Event, title: str, every_weeks: int, count: int) -> EventSeries:
    """A recurring series: copies of `first` every `every_weeks` weeks, `count` events in all."""
    series = EventSeries.objects.create(title=title, every_weeks=every_weeks)
    first.series = series
    first.save(update_fields=["series"])
    for n in range(1, count):
        shift = timedelta(weeks=every_weeks * n)
        Event.objects.create(
            title=first.title,
            description=first.description,
            kind=first.kind,
            theme=first.theme,
            series=series,
            starts_at=first.starts_at + shift,
            ends_at=first.ends_at + shift,
            online=first.online,
            venue=first.venue,
            province=first.province,
            capacity=first.capacity,
            needs_approval=first.needs_approval,
            offer_hours=first.offer_hours,
        )
    return series


# --- the support desk's settings (management screens) ----------------------------------------------------------------


@transaction.atomic
def setting_save(*, setting, actor, relations: dict | None = None):
    """Save a canned answer, routing rule, response-time target or starter step, with its many-to-many `relations`."""
    created = setting.pk is None
    setting.full_clean()
    setting.save()
    for name, values in (relations or {}).items():
        getattr(setting, name).set(values)
    audit_record(actor=actor, event="support_setting.saved", obj=setting, created=created)
    return setting


@transaction.atomic
def setting_delete(*, setting, actor) -> None:
    audit_record(actor=actor, event="support_setting.deleted", obj=setting)
    setting.delete()
