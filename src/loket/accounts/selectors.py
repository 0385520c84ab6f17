"""Reads of people and their roles, for other apps (who to notify, who may be assigned)."""

from django.db.models import QuerySet

from .models import Role, User


def people_with_role(
    role: str, *, partner_id: int | None = None, organiser_id: int | None = None
) -> QuerySet[User]:
    """Active people holding `role` (within a partner organisation or organiser when given)."""
    assignments = {"roles__role": role}
    if partner_id is not None:
        assignments["roles__partner_id"] = partner_id
    if organiser_id is not None:
        assignments["roles__organiser_id"] = organiser_id
    return User.objects.filter(is_active=True, **assignments).distinct().order_by("full_name", "email")


def support_agents() -> QuerySet[User]:
    return people_with_role(Role.SUPPORT_AGENT)


def person_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=(email or "").strip()).first()
