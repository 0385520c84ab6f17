"""Reads of people and their roles: the staff screen's lists, and for other apps who to notify and who may be assigned."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Role, RoleAssignment, User


def desks_administered_by(user) -> list:
    """The desks where this person is a desk administrator, by name (the desk records come with their roles)."""
    assignments = RoleAssignment.objects.filter(user=user, role=Role.DESK_ADMIN, user__is_active=True)
    return sorted({a.desk for a in assignments.select_related("desk")}, key=lambda desk: desk.name)


def staff_of_desk(*, desk_id: int, query: str = "") -> QuerySet[User]:
    """Everyone with a role at the desk (deactivated accounts too), each with their roles at this desk."""
    people = User.objects.filter(roles__desk_id=desk_id).distinct()
    for word in query.split()[:5]:
        people = people.filter(Q(full_name__icontains=word) | Q(email__icontains=word))
    return people.prefetch_related(
        Prefetch("roles", queryset=RoleAssignment.objects.filter(desk_id=desk_id), to_attr="roles_here")
    ).order_by("full_name", "email")


def staff_member(*, desk_ids, pk: int) -> User:
    """A person with a role at one of these desks, with their roles there (`roles_here`) and whether they hold roles
    elsewhere (`works_elsewhere`). Raises User.DoesNotExist otherwise."""
    person = (
        User.objects.filter(pk=pk, roles__desk_id__in=desk_ids)
        .distinct()
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=RoleAssignment.objects.filter(desk_id__in=desk_ids).select_related("desk"),
                to_attr="roles_here",
            )
        )
        .get()
    )
    person.works_elsewhere = RoleAssignment.objects.filter(user=person).exclude(desk_id__in=desk_ids).exists()
    return person


def people_with_role(
    role: str, *, desk_id: int | None = None, partner_id: int | None = None, organiser_id: int | None = None
) -> QuerySet[User]:
    """Active people holding `role` (at a desk, within a partner organisation or organiser when given)."""
    assignments = {"roles__role": role}
    if desk_id is not None:
        assignments["roles__desk_id"] = desk_id
    if partner_id is not None:
        assignments["roles__partner_id"] = partner_id
    if organiser_id is not None:
        assignments["roles__organiser_id"] = organiser_id
    return User.objects.filter(is_active=True, **assignments).distinct().order_by("full_name", "email")


def support_agents() -> QuerySet[User]:
    return people_with_role(Role.SUPPORT_AGENT)


def person_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=(email or "").strip()).first()


def people(user_ids) -> QuerySet[User]:
    return User.objects.filter(pk__in=user_ids)


# --- who works where, for the apps above accounts (allocation's mails, casework's task owners) ---------------------


def desk_workers(*, desk_id: int) -> QuerySet[User]:
    """Active people who work at the desk (desk workers and administrators), by name: those who may own a task."""
    return (
        User.objects.filter(
            is_active=True, roles__desk_id=desk_id, roles__role__in=[Role.DESK_WORKER, Role.DESK_ADMIN]
        )
        .distinct()
        .order_by("full_name", "email")
    )


def provider_staff_of(*, organiser_id: int, location_ids) -> QuerySet[User]:
    """Active provider staff of the whole organiser, or of one of these locations."""
    assigned = RoleAssignment.objects.filter(role=Role.PROVIDER_STAFF).filter(
        Q(organiser_id=organiser_id, location__isnull=True) | Q(location_id__in=list(location_ids))
    )
    return User.objects.filter(is_active=True, pk__in=assigned.values("user_id")).order_by("email")
