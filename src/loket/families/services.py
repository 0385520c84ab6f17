"""The families' desk's writes: turning a finished draft into a family and its requests (through `loket.demand`'s
services), one-time sign-in links, and the periodic "are you still looking?" question."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from loket.accounts.selectors import person_by_email
from loket.accounts.services import account_set_language, parent_account_create
from loket.areas.selectors import postcode_by_pk
from loket.audit.services import audit_record
from loket.core.links import public_url
from loket.core.mail import mail_template_later
from loket.demand.choices import Channel
from loket.demand.lifecycle import Status
from loket.demand.selectors import family_id_of_user, family_with_desk, requests_waiting, requests_with_ids
from loket.demand.services import (
    NewRequest,
    child_add,
    family_create,
    family_link_account,
    family_set_access_code,
    family_set_language,
    guardian_link_account,
    request_change_status,
    request_mark_reconfirm_asked,
    request_mark_reconfirm_reminded,
    request_register,
    request_set_urgency,
)

from .models import RegistrationDraft, SignInLink, SubmittedRegistration, token_hash

if TYPE_CHECKING:
    from loket.demand.models import ChildcareRequest, Family

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
    # True when the submission key had been sent before: this is that registration, nothing new was made.
    replayed: bool = False


def registration_sent(key: str) -> Registered | None:
    """The registration an earlier submit with this idempotency key made, or None."""
    if not key:
        return None
    sent = SubmittedRegistration.objects.select_related("family").filter(key=key).first()
    if sent is None or sent.family is None:
        return None
    requests = list(requests_with_ids(sent.request_ids))
    return Registered(family=sent.family, requests=requests, replayed=True)


def registration_submit(
    *,
    registration: Registration,
    actor=None,
    family: Family | None = None,
    draft: RegistrationDraft | None = None,
    urgency_reason: str = "",
    submission_key: str = "",
) -> Registered:
    """Register every child of a registration. On the website the parent gets an account (with the password they
    chose, or none: they sign in with links); at the desk the family gets an access code. The registration date of
    every request is this moment. At the desk the worker may mark the requests urgent at once
    (`urgency_reason`). The wizard's draft, when given, is deleted in the same transaction.

    With a `submission_key` (the check page's hidden idempotency key), a second submit with the same key returns the
    first one's registration and makes nothing new, also when both arrive at once: the key's unique row is written
    first, so the second waits for the first to commit and then finds it."""
    now = timezone.now()
    at_desk = registration.desk is not None
    guardian = registration.guardian
    result = Registered(family=family, requests=[])
    with transaction.atomic():
        sent = None
        if submission_key:
            try:
                with transaction.atomic():
                    sent = SubmittedRegistration.objects.create(key=submission_key)
            except IntegrityError:
                sent = None
                earlier = registration_sent(submission_key)
                if earlier is not None:
                    return earlier
                raise
        if family is None:
            postcode = postcode_by_pk(registration.postcode_id)
            if postcode is None:  # the postcode page found it; only a postcode removed since then gets here
                raise LookupError(f"postcode {registration.postcode_id} is not known")
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
                user = parent_account_create(
                    email=email,
                    full_name=f"{guardian.first_name.strip()} {guardian.last_name.strip()}",
                    language=language,
                    password_hash="" if at_desk else guardian.password_hash,
                    actor=actor,
                )
                family_link_account(family=family, user=user)
            result.user = user
            result.family = family
            if at_desk:
                result.access_code = family_set_access_code(family=family, actor=actor)
        channel = registration.request.channel if at_desk else Channel.WEB
        # Children registered together share a key, so that their choices and wishes stay in step.
        together_key = secrets.token_hex(8) if len(registration.children) > 1 else ""
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
                data=replace(registration.request, channel=channel, together_key=together_key),
                consent_version=CONSENT_VERSION,
                actor=actor,
                at=now,
            )
            if urgency_reason and at_desk:
                request_set_urgency(request=request, urgent=True, reason=urgency_reason, actor=actor)
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
                    "desk": family.desk,
                    "requests": result.requests,
                    "status_url": sign_in_page_url(reverse("portal:family_home")),
                },
            )
        if sent is not None:
            sent.family = result.family
            sent.request_ids = [r.pk for r in result.requests]
            sent.save(update_fields=["family", "request_ids"])
        if draft is not None:
            draft.delete()
    return result


# Sign-in links


def may_sign_in_by_link(user) -> bool:
    """Parents only: staff never sign in by link (they use a password and a second factor)."""
    return (
        user is not None
        and user.is_active
        and not user.is_staff
        and family_id_of_user(user) is not None
        and not user.roles.exists()
    )


def sign_in_link_make(*, user, next_url: str = "", expires_at=None) -> str:
    """A new one-time sign-in link for a parent, on the public host, that lands on `next_url` (a path of Loket).
    It works once, until `expires_at` or for SIGN_IN_LINK_MINUTES, whichever is earlier."""
    nonce = secrets.token_urlsafe(24)
    token = signing.TimestampSigner(salt=SIGNER_SALT).sign(nonce)
    longest = timezone.now() + timedelta(minutes=SIGN_IN_LINK_MINUTES)
    SignInLink.objects.create(
        user=user,
        token_hash=token_hash(nonce),
        expires_at=min(expires_at, longest) if expires_at else longest,
        next_url=next_url if next_url.startswith("/") and not next_url.startswith("//") else "",
    )
    return public_url(reverse("families:sign_in_link", args=[token]))


def sign_in_page_url(next_url: str = "") -> str:
    """The sign-in page on the public host, which after signing in (by a new link, or by code) leads to `next_url`."""
    path = reverse("families:sign_in")
    return public_url(f"{path}?{urlencode({'next': next_url})}" if next_url else path)


def sign_in_link_send(*, email: str, next_url: str = "") -> bool:
    """Mail a one-time sign-in link if a parent's account has this address. Says nothing to the caller about whether
    the account exists (returns it only for tests and logs)."""
    user = person_by_email(email)
    if not may_sign_in_by_link(user):  # parents only, with an active account
        return False
    family = family_with_desk(family_id_of_user(user))
    with transaction.atomic():
        mail_template_later(
            to=[user.email],
            language=user.preferred_language,
            subject_template="families/mail/sign_in_subject.txt",
            body_template="families/mail/sign_in_body.txt",
            context={
                "url": sign_in_link_make(user=user, next_url=next_url),
                "minutes": SIGN_IN_LINK_MINUTES,
                "desk": family.desk,
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
    user = parent_account_create(
        email=f"gezin-{family.reference.lower()}@code.loket.invalid",
        full_name=f"{guardian.first_name} {guardian.last_name}",
        language=family.preferred_language,
    )
    guardian_link_account(guardian=guardian, user=user)
    return user


def family_language_set(*, user, language: str) -> None:
    """A parent picked a language: keep it on the account and on the family, for pages and for messages."""
    account_set_language(user=user, language=language)
    family_set_language(user=user, language=language)


# "Are you still looking?"


def _primary_email(family: Family) -> str:
    guardian = family.guardians.order_by("-is_primary", "pk").first()
    email = guardian.email if guardian else ""
    return "" if email.endswith(".invalid") else email


def _mail_family(request: ChildcareRequest, kind: str) -> None:
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
            "desk": request.desk,
            "status_url": sign_in_page_url(reverse("portal:family_home")),
        },
    )


def reconfirmations_run(*, now=None) -> dict[str, int]:
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
                _mail_family(request, "reconfirm")
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
                _mail_family(request, "reminder")
            counts["reminded"] += 1
    for request in list(waiting.filter(reconfirm_reminded_at__isnull=False)):
        if request.reconfirm_reminded_at + timedelta(days=request.desk.reconfirm_grace_days) <= now:
            with transaction.atomic():
                request_change_status(
                    request=request, to=Status.EXPIRED, reason="no answer to the reconfirmation", at=now
                )
                _mail_family(request, "expired")
            counts["expired"] += 1
    # Housekeeping: drafts nobody finished and used or expired sign-in links.
    RegistrationDraft.objects.filter(updated_at__lt=now - timedelta(days=DRAFT_KEEP_DAYS)).delete()
    SignInLink.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    # A submit's idempotency key only matters while its client may still retry (minutes); a week is ample.
    SubmittedRegistration.objects.filter(created_at__lt=now - timedelta(days=7)).delete()
    return counts


def sign_in_forget(*, user_ids, emails) -> None:
    """At a family's erasure: its accounts' sign-in links go, and so do unfinished registrations it started or that
    hold one of its addresses."""
    SignInLink.objects.filter(user_id__in=user_ids).delete()
    drafts = Q(user_id__in=user_ids)
    for email in emails:
        drafts |= Q(data_text__icontains=email)
    RegistrationDraft.objects.annotate(data_text=Cast("data", TextField())).filter(drafts).delete()
