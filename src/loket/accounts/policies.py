"""Who may do what, declared in one place.

`PERMISSIONS` maps each action to the roles allowed to perform it. Views ask `require(user, action)` (or use
the `allowed_to` decorator) and then narrow every query to the person's `Scope`, so an object outside it is
simply not found (404), never shown.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import Role, RoleAssignment

PARENT = "parent"  # not an assignment: a person is a parent when their account belongs to a family's guardian
SUPERUSER = "superuser"
AGENCY = "agency"  # not an assignment either: a policy viewer without a desk is the regional agency

PERMISSIONS: dict[str, frozenset[str]] = {
    "family.home": frozenset({PARENT}),
    "family.change_request": frozenset({PARENT}),
    "families.register_on_behalf": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN}),
    "desk.home": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN}),
    "desk.view_requests": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN}),
    "provider.home": frozenset({Role.PROVIDER_STAFF}),
    "partner.home": frozenset({Role.PARTNER_ADVISER}),
    "support.home": frozenset({Role.SUPPORT_AGENT}),
    "reports.view": frozenset({Role.POLICY_VIEWER, Role.DESK_WORKER, Role.DESK_ADMIN}),
    "reports.export": frozenset({Role.POLICY_VIEWER, Role.DESK_WORKER, Role.DESK_ADMIN}),
    "reports.regional": frozenset({Role.POLICY_VIEWER}),
    "audit.view": frozenset({Role.DESK_ADMIN}),
    "admin.use": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN, Role.PROVIDER_STAFF, Role.SUPPORT_AGENT}),
    # casework and network (issue 6)
    "casework.work": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN}),
    "referral.partner": frozenset({Role.PARTNER_ADVISER}),
    "network.directory": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN, Role.PARTNER_ADVISER}),
    "network.edit": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN, Role.PARTNER_ADVISER}),
    "network.edit_own": frozenset({Role.PARTNER_ADVISER}),
    "network.add": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN}),
    "consultation.manage": frozenset({Role.DESK_WORKER, Role.DESK_ADMIN}),
}

# The order in which a person with several roles lands after signing in.
LANDING_ORDER = (
    Role.DESK_ADMIN,
    Role.DESK_WORKER,
    Role.PROVIDER_STAFF,
    Role.PARTNER_ADVISER,
    Role.SUPPORT_AGENT,
    Role.POLICY_VIEWER,
    PARENT,
)


@dataclass(frozen=True)
class Scope:
    """Everything one person may reach, computed once per request from their role assignments."""

    roles: frozenset[str] = frozenset()
    desk_ids: frozenset[int] = frozenset()  # desks they work at (desk worker, desk administrator)
    report_desk_ids: frozenset[int] = frozenset()  # desks whose figures they may read
    regional: bool = False  # the regional agency: figures across all desks
    organiser_ids: frozenset[int] = frozenset()  # provider staff for the whole organiser
    location_ids: frozenset[int] = frozenset()  # provider staff limited to single locations
    location_organiser_ids: frozenset[int] = field(default=frozenset())
    partner_ids: frozenset[int] = frozenset()
    family_ids: frozenset[int] = frozenset()
    is_superuser: bool = False

    def has(self, role: str) -> bool:
        return self.is_superuser or role in self.roles

    def may(self, action: str) -> bool:
        if self.is_superuser:
            return True
        return bool(PERMISSIONS[action] & self.roles)


EMPTY_SCOPE = Scope()


def scope_of(user) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_loket_scope", None)
    if cached is not None:
        return cached
    roles: set[str] = set()
    desks: set[int] = set()
    report_desks: set[int] = set()
    organisers: set[int] = set()
    locations: set[int] = set()
    location_organisers: set[int] = set()
    partners: set[int] = set()
    regional = False
    for assignment in RoleAssignment.objects.filter(user=user).only(
        "role", "desk_id", "organiser_id", "location_id", "partner_id"
    ):
        roles.add(assignment.role)
        if assignment.role in (Role.DESK_WORKER, Role.DESK_ADMIN):
            desks.add(assignment.desk_id)
            report_desks.add(assignment.desk_id)
        elif assignment.role == Role.POLICY_VIEWER:
            if assignment.desk_id:
                report_desks.add(assignment.desk_id)
            else:
                regional = True
        elif assignment.role == Role.PROVIDER_STAFF:
            if assignment.location_id:
                locations.add(assignment.location_id)
                location_organisers.add(assignment.organiser_id)
            else:
                organisers.add(assignment.organiser_id)
        elif assignment.role == Role.PARTNER_ADVISER:
            partners.add(assignment.partner_id)
    if regional:
        roles.add(AGENCY)
    family_id = _family_of(user)
    if family_id is not None:
        roles.add(PARENT)
    scope = Scope(
        roles=frozenset(roles),
        desk_ids=frozenset(desks),
        report_desk_ids=frozenset(report_desks),
        regional=regional,
        organiser_ids=frozenset(organisers),
        location_ids=frozenset(locations),
        location_organiser_ids=frozenset(location_organisers),
        partner_ids=frozenset(partners),
        family_ids=frozenset({family_id}) if family_id is not None else frozenset(),
        is_superuser=user.is_superuser,
    )
    user._loket_scope = scope
    return scope


def _family_of(user) -> int | None:
    from loket.demand.models import Guardian  # accounts sits below demand; import late to keep layers one-way

    return Guardian.objects.filter(user=user).values_list("family_id", flat=True).first()


def require(user, action: str) -> Scope:
    scope = scope_of(user)
    if not scope.may(action):
        raise PermissionDenied(action)
    return scope


def allowed_to(action: str) -> Callable:
    """View decorator: anonymous people are sent to sign in; signed-in people without the role get 403."""
    if action not in PERMISSIONS:
        raise KeyError(f"Unknown action {action!r}: declare it in PERMISSIONS first.")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            request.scope = require(request.user, action)
            return view(request, *args, **kwargs)

        wrapped.loket_action = action
        return wrapped

    return decorator


def landing_role(scope: Scope) -> str | None:
    for role in LANDING_ORDER:
        if role in scope.roles:
            return role
    return None
