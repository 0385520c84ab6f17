"""Who may start and set up a desk. The regional agency (a policy viewer without a desk) and installation administrators
create desks and invite their first administrator; a desk administrator keeps their own desk's texts, identity,
details, neighbourhoods and locations up to date. The action registry (`accounts/actions.py`) names the roles (the agency is `AGENCY`); `desk_for_setup` adds the desk."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment
from loket.accounts.policies import AGENCY
from loket.areas.models import Desk


def is_agency(scope) -> bool:
    return scope.is_superuser or AGENCY in scope.roles


def require_agency(scope) -> None:
    if not is_agency(scope):
        raise PermissionDenied("onboarding.create_desk")


def desk_for_setup(request, slug: str) -> Desk:
    """The desk, when this person may set it up: the agency any desk, a desk administrator only the desks they
    administer (another desk answers 404)."""
    desks = Desk.objects.all()
    if not is_agency(request.scope):
        if Role.DESK_ADMIN not in request.scope.roles:
            raise PermissionDenied("onboarding.set_up_desk")
        administered = RoleAssignment.objects.filter(user=request.user, role=Role.DESK_ADMIN).values("desk")
        desks = desks.filter(pk__in=administered)
    return get_object_or_404(desks, slug=slug)
