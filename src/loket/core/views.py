"""The public home page, the landing after sign-in, one home page per role, and health checks."""

from django.db import connection
from django.db.models import Count, Sum
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from loket.accounts.models import Role, RoleAssignment
from loket.accounts.policies import PARENT, allowed_to, landing_role, scope_of
from loket.areas.models import Desk
from loket.areas.selectors import texts_from_rows
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
    desks = list(
        Desk.objects.annotate(n_municipalities=Count("municipalities", distinct=True)).prefetch_related(
            "municipalities", "texts"
        )
    )
    language = get_language()
    for desk in desks:
        desk.local_texts = texts_from_rows({row.language: row for row in desk.texts.all()}, language)
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
    """The parent's status page (built by the families' desk)."""
    from loket.families.selectors import family_requests

    return render(request, "families/status.html", {"requests": family_requests(request.scope)})


@allowed_to("desk.home")
def desk_home(request):
    from loket.casework.selectors import queue_counts  # the desk's work queues (casework)

    desk_ids = request.scope.desk_ids or Desk.objects.values_list("pk", flat=True)
    overviews = selectors.desk_overview(desk_ids=desk_ids)
    for overview in overviews:
        overview["queues"] = queue_counts(desk=overview["desk"])
    return render(
        request,
        "core/desk_home.html",
        {
            "overviews": overviews,
            "recent": selectors.recent_requests(desk_ids=desk_ids),
            # The desk administrator's way to the desk's settings (loket.onboarding).
            "admin_desk_ids": set(
                RoleAssignment.objects.filter(user=request.user, role=Role.DESK_ADMIN).values_list(
                    "desk_id", flat=True
                )
            ),
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
    """The support agent's home is the question queue of the support desk (VoorZet)."""
    from loket.support.questions.views import render_queue

    return render_queue(request)


@allowed_to("reports.view")
def policy_home(request):
    """The policy viewer's home: the key figures of the last twelve months and the way into every report."""
    from loket.reports.views import home_context

    return render(request, "core/policy_home.html", home_context(request.scope))


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
