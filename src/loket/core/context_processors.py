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
    return {"nav_items": items}


def desk_identity(request):
    """The desk a page speaks for (name, logo, colour, contact in the footer): the one the visitor chose, or the only
    desk of the installation. Staff pages of one desk pass their own `desk` and are not affected."""
    from django.utils.translation import get_language

    from loket.areas.selectors import desk_for_public_page, desk_texts

    desk = desk_for_public_page(request)
    if desk is None:
        return {"site_desk": None}
    return {"site_desk": desk, "site_desk_texts": desk_texts(desk=desk, language=get_language())}
