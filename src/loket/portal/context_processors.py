from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from loket.accounts.choices import Role
from loket.accounts.policies import PARENT, scope_of

# The main menu: one entry per role's home page (a person with several roles sees each of theirs), then the pages of
# a role's daily work that no home reaches in one click.
ROLE_HOMES = [
    (PARENT, "portal:family_home", _("My requests")),
    (Role.DESK_ADMIN, "portal:desk_home", _("Desk")),
    (Role.DESK_WORKER, "portal:desk_home", _("Desk")),
    (Role.PROVIDER_STAFF, "portal:provider_home", _("My locations")),
    (Role.PARTNER_ADVISER, "portal:partner_home", _("My organisation")),
    (Role.SUPPORT_AGENT, "portal:support_home", _("Support desk")),
    (Role.POLICY_VIEWER, "portal:policy_home", _("Figures")),
]
WORK_PAGES = [
    # Providers: the proposals they must confirm (and the starts they record), their questions to VoorZet.
    ("allocation.proposals", "allocation:proposals", pgettext_lazy("menu", "Proposals")),
    ("support.my_questions", "support:my_questions", pgettext_lazy("menu", "Support (VoorZet)")),
]


def navigation(request):
    scope = scope_of(request.user)
    items, seen = [], set()

    def add(url_name, label):
        url = reverse(url_name)
        if url not in seen:
            seen.add(url)
            items.append({"url": url, "label": label, "current": request.path == url})

    if not scope.is_superuser:
        for role, url_name, label in ROLE_HOMES:
            if scope.has(role):
                add(url_name, label)
        for action, url_name, label in WORK_PAGES:
            if scope.may(action):
                add(url_name, label)
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
