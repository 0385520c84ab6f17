"""Writes of people and their roles, for other apps: the same validation and audit event whoever asks."""

from django.db import transaction

from loket.audit.services import audit_record

from .models import RoleAssignment, User


@transaction.atomic
def person_for_email(*, email: str, full_name: str = "", language: str = "nl", actor=None) -> User:
    """The account of `email`, made (without a password: the person signs in with a link) when there is none."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name.strip(), preferred_language=language)
        audit_record(actor=actor, event="person.created", obj=user)
    return user


@transaction.atomic
def role_grant(
    *, user: User, role: str, actor, organiser=None, location=None, desk=None, partner=None
) -> RoleAssignment:
    """Give `user` a role in its scope (once: granting it again changes nothing)."""
    existing = RoleAssignment.objects.filter(
        user=user, role=role, organiser=organiser, location=location, desk=desk, partner=partner
    ).first()
    if existing is not None:
        return existing
    assignment = RoleAssignment(
        user=user, role=role, organiser=organiser, location=location, desk=desk, partner=partner
    )
    assignment.full_clean()
    assignment.save()
    audit_record(actor=actor, event="role.granted", obj=user, role=role)
    return assignment
