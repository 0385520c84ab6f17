from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import Role
from loket.accounts.policies import PARENT, scope_of

# One navigation entry per role's home page; a person with several roles sees each of theirs.
ROLE_HOMES = [
    (PARENT, "core:family_home", _("My requests")),
    (Role.DESK_ADMIN, "core:desk_home", _("Desk")),
    (Role.DESK_WORKER, "core:desk_home", _("Desk")),
    (Role.PROVIDER_STAFF, "core:provider_home", _("My locations")),
    (Role.PARTNER_ADVISER, "core:partner_home", _("My organisation")),
    (Role.SUPPORT_AGENT, "core:support_home", _("Support desk")),
    (Role.POLICY_VIEWER, "core:policy_home", _("Figures")),
]


def navigation(request):
    scope = scope_of(request.user)
    items, seen = [], set()
    for role, url_name, label in ROLE_HOMES:
        if scope.has(role) and url_name not in seen and not scope.is_superuser:
            seen.add(url_name)
            items.append(
                {"url": reverse(url_name), "label": label, "current": request.path == reverse(url_name)}
            )
    if scope.regional or scope.is_superuser:
        # The regional agency and installation administrators start new desks (loket.onboarding).
        url = reverse("onboarding:desks")
        items.append({"url": url, "label": _("Desks"), "current": request.path.startswith(url)})
    if request.user.is_authenticated and (request.user.is_staff or request.user.is_superuser):
        items.append({"url": reverse("admin:index"), "label": _("Management"), "current": False})
    # Desk staff find a family's file from every page (the search box in the header, loket.casework).
    desk_search = request.user.is_authenticated and bool(scope.desk_ids or scope.is_superuser)
    desk_search = desk_search and scope.may("casework.work")
    return {"nav_items": items, "desk_search": desk_search}
