"""The families' desk's writes: turning a finished draft into a family and its requests (through `loket.demand`'s
services), one-time sign-in links, and the periodic "are you still looking?" question."""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from loket.audit.services import audit_record
from loket.core.links import public_url
from loket.core.mail import mail_template_later
from loket.demand.identity import national_number_hash
from loket.demand.lifecycle import WAITING_STATUSES, Status
from loket.demand.models import Channel, Child, ChildcareRequest, Family, Guardian
from loket.demand.services import (
    NewRequest,
    family_create,
    family_set_access_code,
    request_change_status,
    request_register,
    request_set_urgency,
)

from .models import RegistrationDraft, SignInLink, token_hash

# The version of the privacy text a family agrees to; change it whenever the text (templates/families/privacy.html)
# changes, so every request records which text was agreed to.
CONSENT_VERSION = "2026-1"
SIGN_IN_LINK_MINUTES = 60
DRAFT_KEEP_DAYS = 30
SIGNER_SALT = "loket.families.sign_in_link"


# Registration


@dataclass
class Registered:
    family: Family
    requests: list[ChildcareRequest]
    access_code: str = ""
    user: object = None


def _month(value: str) -> date:
    year, month = value.split("-")[:2]
    return date(int(year), int(month), 1)


def registration_submit(
    *,
    draft: RegistrationDraft,
    actor=None,
    family: Family | None = None,
    urgency_reason: str = "",
):
    """Register every child of a finished draft. On the website the parent gets an account (with the password they
    chose, or none: they sign in with links); at the desk the family gets an access code, and the worker may mark
    the requests urgent at once (`urgency_reason`). The registration date of every request is this moment."""
    data = draft.data
    steps = data["steps"]
    now = timezone.now()
    desk_mode = draft.mode == RegistrationDraft.Mode.DESK
    contact = steps.get("contact", {})
    care = steps["opvang"]
    facts = steps["voorrang"]
    result = Registered(family=family, requests=[])
    with transaction.atomic():
        if family is None:
            from loket.areas.models import Postcode

            postcode = Postcode.objects.select_related("municipality").get(pk=data["postcode_id"])
            desk = draft.desk if desk_mode else postcode.municipality.desk
            language = contact.get("preferred_language") or settings.LANGUAGE_CODE
            email = (contact.get("email") or "").strip().lower()
            family = family_create(
                desk=desk,
                guardian={
                    "first_name": contact["first_name"].strip(),
                    "last_name": contact["last_name"].strip(),
                    "email": email,
                    "phone": (contact.get("phone") or "").strip(),
                },
                preferred_language=language,
                postcode=postcode,
            )
            user = None
            if email:
                User = get_user_model()
                user = User.objects.create_user(
                    email=email,
                    full_name=f"{contact['first_name'].strip()} {contact['last_name'].strip()}",
                    preferred_language=language,
                )
                # The draft keeps only the password's hash (made when the contact page was answered).
                if not desk_mode and contact.get("sign_in") == "password" and contact.get("password_hash"):
                    user.password = contact["password_hash"]
                    user.save(update_fields=["password"])
                Guardian.objects.filter(family=family).update(user=user)
            result.user = user
            result.family = family
            if desk_mode:
                result.access_code = family_set_access_code(family=family, actor=actor)
        channel = contact.get("channel", Channel.WEB) if desk_mode else Channel.WEB
        children = steps["kind"]
        count = int(steps["kinderen"]["count"])
        # Children registered together share a key, so that their choices and wishes stay in step.
        together_key = secrets.token_hex(8) if count > 1 else ""
        only_together = count > 1 and bool(steps["kinderen"].get("together"))
        for n in range(1, count + 1):
            born = children[f"c{n}_born"] == "yes"
            when = date.fromisoformat(children[f"c{n}_date"])
            number = children.get(f"c{n}_national_number") or ""
            child = Child.objects.create(
                family=family,
                first_name=(children.get(f"c{n}_first_name") or "").strip(),
                birth_date=when if born else None,
                due_date=None if born else when,
                national_number_hash=national_number_hash(number) if number else "",
            )
            sibling = facts.get("sibling_location")
            request = request_register(
                family=family,
                child=child,
                data=NewRequest(
                    start_earliest=_month(care["start_earliest"]),
                    start_latest=_month(care["start_latest"]),
                    weekdays=[int(d) for d in care["weekdays"]],
                    location_ids=[int(pk) for pk in data.get("choices", [])],
                    accepts_income_tariff="income" in care["tariffs"],
                    accepts_free_price="free" in care["tariffs"],
                    work=bool(facts.get("work")),
                    single_parent=bool(facts.get("single_parent")),
                    low_income=bool(facts.get("low_income")),
                    health_or_care=bool(facts.get("health_or_care")),
                    no_diploma=bool(facts.get("no_diploma")),
                    foster=bool(facts.get("foster")),
                    sibling_location_ids=[int(sibling)] if sibling else (),
                    channel=channel,
                    together_key=together_key,
                    only_together=only_together,
                ),
                consent_version=CONSENT_VERSION,
                actor=actor,
                at=now,
            )
            if urgency_reason and desk_mode:
                request_set_urgency(request=request, urgent=True, reason=urgency_reason, actor=actor)
            result.requests.append(request)
        guardian = family.guardians.order_by("-is_primary", "pk").first()
        if guardian and guardian.email:
            mail_template_later(
                to=[guardian.email],
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
        draft.delete()
    return result


# Sign-in links


def may_sign_in_by_link(user) -> bool:
    """Parents only: staff never sign in by link (they use a password and a second factor)."""
    return (
        user is not None
        and user.is_active
        and not user.is_staff
        and Guardian.objects.filter(user=user).exists()
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
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip(), is_active=True, is_staff=False).first()
    if not may_sign_in_by_link(user):
        return False
    guardian = Guardian.objects.filter(user=user).select_related("family__desk").first()
    with transaction.atomic():
        mail_template_later(
            to=[user.email],
            language=user.preferred_language,
            subject_template="families/mail/sign_in_subject.txt",
            body_template="families/mail/sign_in_body.txt",
            context={
                "url": sign_in_link_make(user=user, next_url=next_url),
                "minutes": SIGN_IN_LINK_MINUTES,
                "desk": guardian.family.desk,
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


def family_language_set(*, user, language: str) -> None:
    """A parent picked a language: keep it on the account and on the family, for pages and for messages."""
    get_user_model().objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language
    Family.objects.filter(guardians__user=user).update(preferred_language=language)


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
    waiting = ChildcareRequest.objects.filter(status__in=WAITING_STATUSES).select_related(
        "desk", "child__family"
    )
    for request in list(waiting.filter(reconfirm_asked_at__isnull=True)):
        every = request.desk.reconfirm_every_days
        since = request.last_confirmed_at or request.registered_at
        if every and since + timedelta(days=every) <= now:
            with transaction.atomic():
                ChildcareRequest.objects.filter(pk=request.pk).update(reconfirm_asked_at=now)
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
                ChildcareRequest.objects.filter(pk=request.pk).update(reconfirm_reminded_at=now)
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
    return counts
