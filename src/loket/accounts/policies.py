"""Who may do what: the questions views and screens ask of the action registry (`actions.py`).

Views ask `require(user, action)` (or use the `allowed_to` decorator) and then narrow every query to the person's
`Scope`, so an object outside it is simply not found (404), never shown.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from types import MappingProxyType

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .actions import ACTIONS, AGENCY, PARENT
from .actions import action as declared_action
from .models import Role, RoleAssignment

# Action → roles, read-only and derived from the registry (kept for the code that reads it this way).
PERMISSIONS = MappingProxyType({name: declared.roles for name, declared in ACTIONS.items()})

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
    desk_roles: frozenset[tuple[int, str]] = (
        frozenset()
    )  # (desk, role) pairs: which role the person holds where

    def has(self, role: str) -> bool:
        return self.is_superuser or role in self.roles

    def may(self, name: str) -> bool:
        allowed = declared_action(name).roles
        return self.is_superuser or bool(allowed & self.roles)

    def desk_ids_for(self, name: str) -> frozenset[int]:
        """The desks where the person holds a role allowed to take this action (a desk administrator at one desk and a
        desk worker at another administers only the first)."""
        allowed = declared_action(name).roles
        return frozenset(desk for desk, role in self.desk_roles if role in allowed)


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
    desk_roles: set[tuple[int, str]] = set()
    regional = False
    for assignment in RoleAssignment.objects.filter(user=user).only(
        "role", "desk_id", "organiser_id", "location_id", "partner_id"
    ):
        roles.add(assignment.role)
        if assignment.role in (Role.DESK_WORKER, Role.DESK_ADMIN):
            desks.add(assignment.desk_id)
            report_desks.add(assignment.desk_id)
            desk_roles.add((assignment.desk_id, assignment.role))
        elif assignment.role == Role.POLICY_VIEWER:
            if assignment.desk_id:
                report_desks.add(assignment.desk_id)
                desk_roles.add((assignment.desk_id, assignment.role))
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
        desk_roles=frozenset(desk_roles),
    )
    user._loket_scope = scope
    return scope


# Which family a parent belongs to is demand's knowledge, and demand sits above accounts: demand registers how to
# read it at start-up (DemandConfig.ready), so accounts never imports demand. Without demand nobody is a parent.
_family_reader: Callable[[object], int | None] | None = None


def register_family_reader(reader: Callable[[object], int | None]) -> None:
    global _family_reader
    _family_reader = reader


def _family_of(user) -> int | None:
    return _family_reader(user) if _family_reader is not None else None


def require(user, action: str) -> Scope:
    scope = scope_of(user)
    if not scope.may(action):
        raise PermissionDenied(action)
    return scope


def allowed_to(action: str) -> Callable:
    """View decorator: anonymous people are sent to sign in; signed-in people without the role get 403."""
    declared_action(action)  # an undeclared action fails at import, not at the first request

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                # Parents sign in with a link by e-mail first; everybody else with a password.
                login_url = "families:sign_in" if action.startswith("family.") else None
                return redirect_to_login(request.get_full_path(), login_url=login_url)
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
