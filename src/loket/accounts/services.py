"""Writes of accounts. Other apps call these to create people and give them roles."""

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from loket.audit.services import audit_record
from loket.core.mail import mail_template_later

from .models import ROLE_SCOPE, RoleAssignment, User


@transaction.atomic
def staff_invite(
    *, desk, email: str, full_name: str, preferred_language: str, role: str, actor, base_url: str
) -> User:
    """(The access engineer's staff screen brings the same function with the same signature; this one is kept until
    theirs lands, so the desk onboarding can invite a desk's first administrator.)

    Give a person a role (creating their account when it does not exist) and e-mail them the way in: a link to
    choose a password (valid for PASSWORD_RESET_TIMEOUT), or the sign-in page when they already have one.

    `base_url` is the site's public address (the page that sends the invitation knows it), so the link leads to the
    real host. The invitation is written to the outbox in the same transaction."""
    if ROLE_SCOPE.get(role) == "desk" and desk is None:
        raise ValueError(f"The role {role} needs a desk.")
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            email=email, full_name=full_name.strip(), preferred_language=preferred_language
        )
    assignment, _new = RoleAssignment.objects.get_or_create(user=user, role=role, desk=desk)
    base = base_url.rstrip("/")
    if user.has_usable_password():
        link = base + reverse("accounts:login")
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = base + reverse("accounts:password_reset_confirm", args=[uid, token])
    mail_template_later(
        to=[user.email],
        language=user.preferred_language or preferred_language,
        subject_template="accounts/invitation_subject.txt",
        body_template="accounts/invitation.txt",
        context={"user": user, "assignment": assignment, "desk": desk, "link": link, "inviter": actor},
    )
    audit_record(
        actor=actor,
        event="account.invited",
        obj=user,
        desk_id=desk.pk if desk else None,
        role=role,
        new=created,
    )
    return user
