"""Who may start and set up a desk. The regional agency (a policy viewer without a desk) and installation administrators
create desks and invite their first administrator; a desk administrator keeps their own desk's texts, identity,
details, neighbourhoods and locations up to date. The action registry (`accounts/actions.py`) names the roles (the agency is `AGENCY`); `desk_for_setup` adds the desk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from loket.accounts.choices import Role
from loket.accounts.policies import AGENCY
from loket.accounts.selectors import desks_administered_by
from loket.areas.selectors import desk_get

if TYPE_CHECKING:
    from loket.areas.models import Desk


def is_agency(scope) -> bool:
    return scope.is_superuser or AGENCY in scope.roles


def require_agency(scope) -> None:
    if not is_agency(scope):
        raise PermissionDenied("onboarding.create_desk")


def desk_for_setup(request, slug: str) -> Desk:
    """The desk, when this person may set it up: the agency any desk, a desk administrator only the desks they
    administer (another desk answers 404)."""
    agency = is_agency(request.scope)
    if not agency and Role.DESK_ADMIN not in request.scope.roles:
        raise PermissionDenied("onboarding.set_up_desk")
    desk = desk_get(slug=slug)
    if desk is None or not (agency or desk in desks_administered_by(request.user)):
        raise Http404
    return desk
