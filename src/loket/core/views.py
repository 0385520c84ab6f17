"""The public home page, the landing after sign-in, one home page per role, and health checks."""

from django.db import connection
from django.db.models import Count, Sum
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from loket.accounts.models import Role
from loket.accounts.policies import PARENT, allowed_to, landing_role, scope_of
from loket.areas.models import Desk
from loket.demand.selectors import requests_visible_to
from loket.supply.models import Location
from loket.supply.selectors import locations_managed_by

from . import selectors

ROLE_HOME = {
    Role.DESK_ADMIN: "core:desk_home",
    Role.DESK_WORKER: "core:desk_home",
    Role.PROVIDER_STAFF: "core:provider_home",
    Role.PARTNER_ADVISER: "core:partner_home",
    Role.SUPPORT_AGENT: "core:support_home",
    Role.POLICY_VIEWER: "core:policy_home",
    PARENT: "core:family_home",
}


@require_GET
def home(request):
    desks = Desk.objects.annotate(n_municipalities=Count("municipalities", distinct=True)).prefetch_related(
        "municipalities"
    )
    supply = Location.objects.filter(active=True).aggregate(n=Count("pk"), capacity=Sum("licensed_capacity"))
    return render(request, "core/home.html", {"desks": desks, "supply": supply})


@never_cache
def landing(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    scope = scope_of(request.user)
    role = landing_role(scope)
    if role is None:
        if request.user.is_superuser:
            return redirect("admin:index")
        return render(request, "core/no_role.html", status=403)
    return redirect(ROLE_HOME[role])


@allowed_to("family.home")
def family_home(request):
    requests = (
        requests_visible_to(request.scope)
        .filter(child__family_id__in=request.scope.family_ids)
        .select_related("child")
        .prefetch_related("choices__location", "status_changes")
    )
    return render(request, "core/family_home.html", {"requests": requests})


@allowed_to("desk.home")
def desk_home(request):
    desk_ids = request.scope.desk_ids or Desk.objects.values_list("pk", flat=True)
    return render(
        request,
        "core/desk_home.html",
        {
            "overviews": selectors.desk_overview(desk_ids=desk_ids),
            "recent": selectors.recent_requests(desk_ids=desk_ids),
        },
    )


@allowed_to("provider.home")
def provider_home(request):
    locations = selectors.provider_locations(locations=locations_managed_by(request.scope))
    return render(request, "core/provider_home.html", {"locations": locations})


@allowed_to("partner.home")
def partner_home(request):
    return render(
        request,
        "core/partner_home.html",
        {"partners": selectors.partners_of(partner_ids=request.scope.partner_ids)},
    )


@allowed_to("support.home")
def support_home(request):
    return render(request, "core/support_home.html", {"organisers": selectors.organisers_overview()})


@allowed_to("reports.view")
def policy_home(request):
    scope = request.scope
    desk_ids = None if (scope.regional or scope.is_superuser) else scope.report_desk_ids
    desks = Desk.objects.all() if desk_ids is None else Desk.objects.filter(pk__in=desk_ids)
    return render(
        request,
        "core/policy_home.html",
        {
            "desks": desks,
            "regional": desk_ids is None,
            "rows": selectors.figures_by_municipality(desk_ids=desk_ids),
        },
    )


@require_GET
def health_live(request):
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def health_ready(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
