"""The families' desk's writes: turning a finished draft into a family and its requests (through `loket.demand`'s
services), one-time sign-in links, and the periodic "are you still looking?" question."""

import secrets
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from loket.audit.services import audit_record
from loket.core.links import public_url
from loket.core.mail import mail_template_later
from loket.demand.lifecycle import Status
from loket.demand.models import Channel, ChildcareRequest, Family
from loket.demand.selectors import family_id_of_user, requests_waiting
from loket.demand.services import (
    NewRequest,
    child_add,
    family_create,
    family_link_account,
    family_set_access_code,
    request_change_status,
    request_mark_reconfirm_asked,
    request_mark_reconfirm_reminded,
    request_register,
)

from .models import RegistrationDraft, SignInLink, token_hash

# The version of the privacy text a family agrees to; change it whenever the text (templates/families/privacy.html)
# changes, so every request records which text was agreed to.
CONSENT_VERSION = "2026-1"
SIGN_IN_LINK_MINUTES = 60
DRAFT_KEEP_DAYS = 30
SIGNER_SALT = "loket.families.sign_in_link"


# Registration


@dataclass(frozen=True)
class Contact:
    """The parent who registers (the family's first guardian)."""

    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    preferred_language: str = ""
    # On the website a parent may choose a password: only its hash travels (made when the contact page was answered).
    password_hash: str = ""


@dataclass(frozen=True)
class ChildToRegister:
    first_name: str
    born: bool
    date: date  # the birth date, or the expected date when not yet born
    national_number: str = ""


@dataclass(frozen=True)
class Registration:
    """What a registration says, typed: the same object whoever fills it in (the families' wizard on the website or
    at the desk, a test, a loader). `registration_submit` reads only this, never the wizard's form fields."""

    postcode_id: int
    guardian: Contact
    children: tuple[ChildToRegister, ...]
    # What every child's request asks for (wishes, choices, facts, channel): demand's own typed request.
    request: NewRequest
    # At the desk: the desk that registers (the family gets an access code); on the website: None (the desk of the
    # family's municipality, and an account when an e-mail address is given).
    desk: object = None


@dataclass
class Registered:
    family: Family
    requests: list[ChildcareRequest]
    access_code: str = ""
    user: object = None


def registration_submit(
    *,
    registration: Registration,
    actor=None,
    family: Family | None = None,
    draft: RegistrationDraft | None = None,
    base_url=None,
) -> Registered:
    """Register every child of a registration. On the website the parent gets an account (with the password they
    chose, or none: they sign in with links); at the desk the family gets an access code. The registration date of
    every request is this moment. The wizard's draft, when given, is deleted in the same transaction."""
    now = timezone.now()
    at_desk = registration.desk is not None
    guardian = registration.guardian
    result = Registered(family=family, requests=[])
    with transaction.atomic():
        if family is None:
            from loket.areas.models import Postcode

            postcode = Postcode.objects.select_related("municipality").get(pk=registration.postcode_id)
            desk = registration.desk if at_desk else postcode.municipality.desk
            language = guardian.preferred_language or settings.LANGUAGE_CODE
            email = guardian.email.strip().lower()
            family = family_create(
                desk=desk,
                guardian={
                    "first_name": guardian.first_name.strip(),
                    "last_name": guardian.last_name.strip(),
                    "email": email,
                    "phone": guardian.phone.strip(),
                },
                preferred_language=language,
                postcode=postcode,
            )
            user = None
            if email:
                User = get_user_model()
                user = User.objects.create_user(
                    email=email,
                    full_name=f"{guardian.first_name.strip()} {guardian.last_name.strip()}",
                    preferred_language=language,
                )
                if not at_desk and guardian.password_hash:
                    user.password = guardian.password_hash
                    user.save(update_fields=["password"])
                family_link_account(family=family, user=user)
            result.user = user
            result.family = family
            if at_desk:
                result.access_code = family_set_access_code(family=family, actor=actor)
        channel = registration.request.channel if at_desk else Channel.WEB
        for to_register in registration.children:
            child = child_add(
                family=family,
                first_name=to_register.first_name,
                born=to_register.born,
                on=to_register.date,
                national_number=to_register.national_number,
            )
            request = request_register(
                family=family,
                child=child,
                data=replace(registration.request, channel=channel),
                consent_version=CONSENT_VERSION,
                actor=actor,
                at=now,
            )
            result.requests.append(request)
        first = family.guardians.order_by("-is_primary", "pk").first()
        if first and first.email:
            mail_template_later(
                to=[first.email],
                language=family.preferred_language,
                subject_template="families/mail/registered_subject.txt",
                body_template="families/mail/registered_body.txt",
                context={
                    "family": family,
                    "requests": result.requests,
                    "status_url": public_url(reverse("core:family_home"), base_url),
                    "sign_in_url": public_url(reverse("families:sign_in"), base_url),
                },
            )
        if draft is not None:
            draft.delete()
    return result


# Sign-in links


def sign_in_link_send(*, email: str, base_url=None, next_url: str = "") -> bool:
    """Mail a one-time sign-in link if a parent's account has this address. Staff never sign in by link (they use a
    password and a second factor). Says nothing to the caller about whether the account exists (returns it only
    for tests and logs)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip(), is_active=True, is_staff=False).first()
    if user is None or family_id_of_user(user) is None or user.roles.exists():
        return False
    nonce = secrets.token_urlsafe(24)
    token = signing.TimestampSigner(salt=SIGNER_SALT).sign(nonce)
    with transaction.atomic():
        SignInLink.objects.create(
            user=user,
            token_hash=token_hash(nonce),
            expires_at=timezone.now() + timedelta(minutes=SIGN_IN_LINK_MINUTES),
            next_url=next_url if next_url.startswith("/") and not next_url.startswith("//") else "",
        )
        mail_template_later(
            to=[user.email],
            language=user.preferred_language,
            subject_template="families/mail/sign_in_subject.txt",
            body_template="families/mail/sign_in_body.txt",
            context={
                "url": public_url(reverse("families:sign_in_link", args=[token]), base_url),
                "minutes": SIGN_IN_LINK_MINUTES,
            },
        )
    return True


def sign_in_link_check(*, token: str) -> SignInLink | None:
    try:
        nonce = signing.TimestampSigner(salt=SIGNER_SALT).unsign(token, max_age=SIGN_IN_LINK_MINUTES * 60)
    except signing.BadSignature:
        return None
    link = SignInLink.objects.select_related("user").filter(token_hash=token_hash(nonce)).first()
    if (
        link is None
        or link.used_at is not None
        or link.expires_at < timezone.now()
        or not link.user.is_active
    ):
        return None
    return link


def sign_in_link_use(*, token: str):
    """The person the link belongs to, once; None when it is forged, expired or already used."""
    with transaction.atomic():
        link = sign_in_link_check(token=token)
        if link is None:
            return None
        used = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=timezone.now())
        if not used:
            return None
    return link


def access_code_user(*, family: Family):
    """The account a family registered at the desk signs in with; created at the first sign-in by code."""
    guardian = family.guardians.order_by("-is_primary", "pk").first()
    if guardian.user_id:
        return guardian.user
    User = get_user_model()
    user = User.objects.create_user(
        email=f"gezin-{family.reference.lower()}@code.loket.invalid",
        full_name=f"{guardian.first_name} {guardian.last_name}",
        preferred_language=family.preferred_language,
    )
    guardian.user = user
    guardian.save(update_fields=["user"])
    return user


# "Are you still looking?"


def _primary_email(family: Family) -> str:
    guardian = family.guardians.order_by("-is_primary", "pk").first()
    email = guardian.email if guardian else ""
    return "" if email.endswith(".invalid") else email


def _mail_family(request: ChildcareRequest, kind: str, base_url=None) -> None:
    family = request.child.family
    email = _primary_email(family)
    if not email:
        return  # phone-only families: the desk calls them (they appear in the desk's queues)
    mail_template_later(
        to=[email],
        language=family.preferred_language,
        subject_template=f"families/mail/{kind}_subject.txt",
        body_template=f"families/mail/{kind}_body.txt",
        context={
            "request": request,
            "child": request.child,
            "grace_days": request.desk.reconfirm_grace_days,
            "status_url": public_url(reverse("families:sign_in"), base_url),
        },
    )


def reconfirmations_run(*, now=None, base_url=None) -> dict[str, int]:
    """Ask waiting families every N days (desk setting) whether they are still looking; remind those who stay silent
    after the grace period; expire the request when the reminder too stays unanswered for the grace period."""
    now = now or timezone.now()
    counts = {"asked": 0, "reminded": 0, "expired": 0}
    waiting = requests_waiting()
    for request in list(waiting.filter(reconfirm_asked_at__isnull=True)):
        every = request.desk.reconfirm_every_days
        since = request.last_confirmed_at or request.registered_at
        if every and since + timedelta(days=every) <= now:
            with transaction.atomic():
                request_mark_reconfirm_asked(request=request, at=now)
                _mail_family(request, "reconfirm", base_url)
                audit_record(
                    actor=None,
                    event="request.reconfirm_asked",
                    obj=request,
                    desk_id=request.desk_id,
                    family_id=request.child.family_id,
                )
            counts["asked"] += 1
    for request in waiting.filter(reconfirm_asked_at__isnull=False, reconfirm_reminded_at__isnull=True):
        if request.reconfirm_asked_at + timedelta(days=request.desk.reconfirm_grace_days) <= now:
            with transaction.atomic():
                request_mark_reconfirm_reminded(request=request, at=now)
                _mail_family(request, "reminder", base_url)
            counts["reminded"] += 1
    for request in list(waiting.filter(reconfirm_reminded_at__isnull=False)):
        if request.reconfirm_reminded_at + timedelta(days=request.desk.reconfirm_grace_days) <= now:
            with transaction.atomic():
                request_change_status(
                    request=request, to=Status.EXPIRED, reason="no answer to the reconfirmation", at=now
                )
                _mail_family(request, "expired", base_url)
            counts["expired"] += 1
    # Housekeeping: drafts nobody finished and used or expired sign-in links.
    RegistrationDraft.objects.filter(updated_at__lt=now - timedelta(days=DRAFT_KEEP_DAYS)).delete()
    SignInLink.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    return counts
