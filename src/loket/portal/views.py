"""The public home page, the landing after sign-in and one home page per role. Each role's home starts with what waits
for that person (counts with a link to where it is done); the domain apps provide the reads (`selectors.py`)."""

from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from loket.accounts.choices import Role
from loket.accounts.policies import PARENT, allowed_to, landing_role, scope_of
from loket.accounts.selectors import desks_administered_by
from loket.areas.selectors import desks_in_reach, desks_with_municipality_count, texts_from_rows
from loket.casework.selectors import desk_chosen, queue_counts
from loket.families.selectors import family_requests
from loket.reports.views import home_context
from loket.supply.selectors import locations_active, locations_managed_by
from loket.support.questions.views import render_queue

from . import selectors

ROLE_HOME = {
    Role.DESK_ADMIN: "portal:desk_home",
    Role.DESK_WORKER: "portal:desk_home",
    Role.PROVIDER_STAFF: "portal:provider_home",
    Role.PARTNER_ADVISER: "portal:partner_home",
    Role.SUPPORT_AGENT: "portal:support_home",
    Role.POLICY_VIEWER: "portal:policy_home",
    PARENT: "portal:family_home",
}


@require_GET
def home(request):
    desks = list(desks_with_municipality_count().prefetch_related("municipalities", "texts"))
    language = get_language()
    for desk in desks:
        desk.local_texts = texts_from_rows({row.language: row for row in desk.texts.all()}, language)
    supply = locations_active().aggregate(n=Count("pk"), capacity=Sum("licensed_capacity"))
    return render(request, "portal/home.html", {"desks": desks, "supply": supply})


@never_cache
def landing(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    scope = scope_of(request.user)
    role = landing_role(scope)
    if role is None:
        if request.user.is_superuser:
            return redirect("admin:index")
        return render(request, "portal/no_role.html", status=403)
    return redirect(ROLE_HOME[role])


@allowed_to("family.home")
def family_home(request):
    """The parent's status page (built by the families' desk)."""
    return render(request, "families/status.html", {"requests": family_requests(request.scope)})


@allowed_to("desk.home")
def desk_home(request):
    today = timezone.localdate()
    desk_ids = request.scope.desk_ids or desks_in_reach().values_list("pk", flat=True)
    # One desk at a time for a person who works for several (`?desk=`): the figures of each desk cost queries.
    desks, desk = desk_chosen(request.scope, request.GET.get("desk"))
    overviews = selectors.desk_overview(desk_ids=[desk.pk] if desk else [])
    for overview in overviews:
        overview["queues"] = queue_counts(desk=overview["desk"])
        overview["work"] = selectors.desk_work(request.scope, request.user, desk=overview["desk"], on=today)
    return render(
        request,
        "portal/desk_home.html",
        {
            "overviews": overviews,
            "desks": desks,
            "desk": desk,
            "recent": selectors.recent_requests(desk_ids=desk_ids),
            # The desk administrator's way to the desk's settings (loket.onboarding).
            "admin_desk_ids": {desk.pk for desk in desks_administered_by(request.user)},
        },
    )


@allowed_to("provider.home")
def provider_home(request):
    locations = selectors.provider_locations(locations=locations_managed_by(request.scope))
    work = selectors.provider_work(request.scope, request.user, on=timezone.localdate())
    return render(request, "portal/provider_home.html", {"locations": locations, "work": work})


@allowed_to("partner.home")
def partner_home(request):
    return render(
        request,
        "portal/partner_home.html",
        {
            "partners": selectors.partners_of(partner_ids=request.scope.partner_ids),
            "work": selectors.partner_work(request.scope),
        },
    )


@allowed_to("support.home")
def support_home(request):
    """The support agent's home is the question queue of the support desk (VoorZet), with its counts."""
    return render_queue(request)


@allowed_to("reports.view")
def policy_home(request):
    """The policy viewer's home: the key figures of the last twelve months and the way into every report."""
    return render(request, "portal/policy_home.html", home_context(request.scope))
