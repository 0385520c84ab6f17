"""Writes of the starters' track: signing up with an e-mail link, confirming it (which makes the account), the plan
and its steps (the IKT-mix choice among them), booking an intake, announcing the opening, and the support desk's
confirmation that turns the starter into the organiser's provider account, with its history kept."""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.accounts.choices import Role
from loket.accounts.services import person_for_email, role_grant
from loket.audit.services import audit_record
from loket.core.links import public_url
from loket.core.mail import mail_template_later
from loket.supply.services import provider_open

from ..errors import SupportError
from ..events.services import registration_create
from ..models import (
    Event,
    EventKind,
    Question,
    Registration,
    Starter,
    StarterStatus,
    StarterStep,
    StepDone,
    StepKind,
    TariffPlan,
)

SIGN_IN_SALT = "loket.support.starter_sign_in"
SIGN_IN_DAYS = 3


def _person(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def sign_in_token(starter: Starter) -> str:
    """A link that signs the starter in. It holds the moment of the account's last sign-in, so it works once."""
    last = starter.user.last_login.isoformat() if starter.user_id and starter.user.last_login else ""
    return signing.TimestampSigner(salt=SIGN_IN_SALT).sign_object({"s": starter.pk, "l": last})


def starter_from_token(token: str) -> Starter | None:
    try:
        data = signing.TimestampSigner(salt=SIGN_IN_SALT).unsign_object(
            token, max_age=timedelta(days=SIGN_IN_DAYS)
        )
    except signing.BadSignature:
        return None
    starter = Starter.objects.select_related("user").filter(pk=data.get("s")).first()
    if starter is None:
        return None
    last = starter.user.last_login.isoformat() if starter.user_id and starter.user.last_login else ""
    return starter if data.get("l") == last else None


def _mail_starter(starter: Starter, what: str, **context) -> None:
    mail_template_later(
        to=[starter.email],
        language=starter.language,
        subject_template="support/mail/starter_subject.txt",
        body_template="support/mail/starter_body.txt",
        context={"starter": starter, "what": what, **context},
    )


def sign_in_link_send(*, starter: Starter) -> None:
    link = public_url(reverse("support:starter_link", args=[sign_in_token(starter)]))
    _mail_starter(starter, "link", link=link, days=SIGN_IN_DAYS)


@transaction.atomic
def starter_sign_up(
    *, name: str, email: str, language: str = "nl", municipality_name: str = "", care_plan: str = "", at=None
) -> Starter:
    """Sign up (or ask again for a link): the starter gets a link by e-mail that confirms the address and signs in.
    Signing up twice with one address sends a new link; nothing already entered is lost."""
    now = at or timezone.now()
    email = email.strip().lower()
    starter = Starter.objects.select_for_update().filter(email=email).first()
    if starter is None:
        starter = Starter.objects.create(
            name=name.strip(),
            email=email,
            language=language or "nl",
            municipality_name=municipality_name.strip(),
            care_plan=care_plan,
            created_at=now,
        )
        audit_record(actor=None, event="support_starter.signed_up", obj=starter)
    sign_in_link_send(starter=starter)
    return starter


@transaction.atomic
def starter_confirm(*, starter: Starter, at=None) -> Starter:
    """The starter followed the link: the address is confirmed and the account made (signing in with a link, no
    password). Earlier questions and registrations with the same address join the starter's history."""
    now = at or timezone.now()
    starter = Starter.objects.select_for_update().get(pk=starter.pk)
    if starter.user_id is None:
        starter.user = person_for_email(
            email=starter.email, full_name=starter.name, language=starter.language
        )
    if starter.status == StarterStatus.SIGNED_UP:
        starter.status = StarterStatus.ACTIVE
        starter.confirmed_at = now
        audit_record(actor=starter.user, event="support_starter.confirmed", obj=starter)
    starter.save()
    Question.objects.filter(asker_email__iexact=starter.email, starter__isnull=True).update(
        starter=starter, is_starter=True
    )
    Registration.objects.filter(email__iexact=starter.email, starter__isnull=True).update(starter=starter)
    return starter


def _mark_done(starter: Starter, kind: str, actor, now) -> None:
    for step in StarterStep.objects.filter(kind=kind):
        StepDone.objects.get_or_create(
            starter=starter, step=step, defaults={"done_at": now, "done_by": _person(actor)}
        )


def step_toggle(*, starter: Starter, step: StarterStep, done: bool, actor, at=None) -> None:
    """Tick a step done or not. Steps with their own form (tariff, intake, opening) are done by that form."""
    if step.kind != StepKind.TICK:
        raise SupportError(_("This step is done with its own form."))
    if done:
        StepDone.objects.get_or_create(
            starter=starter, step=step, defaults={"done_at": at or timezone.now(), "done_by": _person(actor)}
        )
    else:
        StepDone.objects.filter(starter=starter, step=step).delete()


@transaction.atomic
def starter_plan(*, starter: Starter, data: dict, actor, at=None) -> Starter:
    """The starter's plan: kind of care, places, where and when; and the tariff choice (income-related, free price
    or the IKT-mix with how many income-related places), which completes the tariff step."""
    now = at or timezone.now()
    starter = Starter.objects.select_for_update().get(pk=starter.pk)
    for field in (
        "care_plan",
        "planned_places",
        "planned_opening",
        "municipality_name",
        "tariff_plan",
        "income_places",
        "legal_plan",
    ):
        if field in data:
            setattr(
                starter,
                field,
                data[field]
                if data[field] is not None
                else (None if field in ("planned_places", "planned_opening", "income_places") else ""),
            )
    if starter.tariff_plan == TariffPlan.MIX:
        places = starter.planned_places or 0
        if not starter.income_places or not places or starter.income_places >= places:
            raise ValidationError(
                {
                    "income_places": _(
                        "With the IKT-mix, some places are income-related and some free price: enter a number between 1 and the planned places minus 1."
                    )
                }
            )
    elif starter.tariff_plan == TariffPlan.INCOME:
        starter.income_places = starter.planned_places
    elif starter.tariff_plan == TariffPlan.FREE:
        starter.income_places = 0
    starter.save()
    if starter.tariff_plan:
        _mark_done(starter, StepKind.TARIFF, actor, now)
    audit_record(actor=actor, event="support_starter.plan_saved", obj=starter)
    return starter


@transaction.atomic
def intake_book(*, starter: Starter, event: Event, actor, at=None) -> Registration:
    """Book an intake session (one place each): the registration is the starter's, confirmed by mail with .ics."""
    if event.kind != EventKind.INTAKE:
        raise SupportError(_("This is not an intake session."))
    current = starter.registrations.filter(event__kind=EventKind.INTAKE, status__in=("confirmed", "pending"))
    if current.exists():
        raise SupportError(_("You already booked an intake. Cancel it first to choose another moment."))
    registration = registration_create(
        event=event, name=starter.name, email=starter.email, actor=actor, starter=starter, at=at
    )
    if registration.status != "confirmed":
        from ..events.services import registration_cancel

        registration_cancel(registration=registration, actor=None)
        raise SupportError(_("This moment was just taken. Choose another one."))
    _mark_done(starter, StepKind.INTAKE, actor, at or timezone.now())
    return registration


OPENING_FIELDS = (
    "organiser_name",
    "legal_plan",
    "location_name",
    "street",
    "postcode",
    "licensed_capacity",
    "licence_reference",
    "opens_on",
)


@transaction.atomic
def starter_announce_opening(*, starter: Starter, data: dict, actor, at=None) -> Starter:
    """The location is licensed and opens: the starter gives its data; the support desk confirms it."""
    now = at or timezone.now()
    starter = Starter.objects.select_for_update().get(pk=starter.pk)
    if starter.status == StarterStatus.PROVIDER:
        raise SupportError(_("Your provider account is already made."))
    for field in OPENING_FIELDS:
        if field in data:
            setattr(starter, field, data[field])
    starter.status = StarterStatus.OPENING
    starter.opening_announced_at = now
    starter.save()
    _mark_done(starter, StepKind.OPENING, actor, now)
    audit_record(actor=actor, event="support_starter.opening_announced", obj=starter)
    # The desk hears of it as a question on its queue, linked to the starter.
    from ..questions.services import question_ask

    question_ask(
        subject=str(_("Opening announced: %(location)s") % {"location": starter.location_name}),
        body=str(
            _(
                "%(name)s announces that %(location)s opens on %(date)s (licence %(licence)s). Confirm it on the starter's page to make the provider account."
            )
            % {
                "name": starter.name,
                "location": starter.location_name,
                "date": starter.opens_on.strftime("%d/%m/%Y") if starter.opens_on else "?",
                "licence": starter.licence_reference or "?",
            }
        ),
        name=starter.name,
        email=starter.email,
        actor=actor,
        starter=starter,
        language=starter.language,
        at=now,
    )
    return starter


@transaction.atomic
def starter_make_provider(
    *, starter: Starter, care_type: str, tariff_regime: str, subsidy_step: str, actor, at=None
) -> Starter:
    """The support desk confirms the opening: the organiser and its location are made through supply's service, the
    starter's account becomes the organiser's provider staff, and the starter's questions, track and registrations
    stay with them as the organiser's history."""
    now = at or timezone.now()
    starter = Starter.objects.select_for_update(of=("self",)).select_related("user").get(pk=starter.pk)
    if starter.status == StarterStatus.PROVIDER:
        raise SupportError(_("This starter is already a provider."))
    if starter.status != StarterStatus.OPENING or starter.user_id is None:
        raise SupportError(_("The starter has not announced the opening yet."))
    location = provider_open(
        organiser_name=starter.organiser_name or starter.name,
        legal_form=starter.legal_plan or "sole_trader",
        email=starter.email,
        contact_name=starter.name,
        location_name=starter.location_name,
        care_type=care_type,
        street=starter.street,
        postcode=starter.postcode,
        licensed_capacity=starter.licensed_capacity or 0,
        tariff_regime=tariff_regime,
        income_places=starter.income_places or 0,
        subsidy_step=subsidy_step,
        actor=actor,
    )
    role_grant(user=starter.user, role=Role.PROVIDER_STAFF, organiser=location.organiser, actor=actor)
    starter.organiser = location.organiser
    starter.status = StarterStatus.PROVIDER
    starter.provider_since = now
    starter.save()
    starter.questions.filter(organiser__isnull=True).update(organiser=location.organiser)
    starter.registrations.filter(organiser__isnull=True).update(organiser=location.organiser)
    audit_record(
        actor=actor, event="support_starter.became_provider", obj=starter, organiser_id=location.organiser_id
    )
    _mail_starter(starter, "provider", link=public_url(reverse("portal:landing")), location=location.name)
    return starter
