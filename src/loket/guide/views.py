"""Public pages for families (no sign-in): how the desk works, what childcare costs, and the childcare finder.

They show no personal data and store nothing a parent types, so they are listed in `PUBLIC` (access_matrix.py)
instead of declaring an action.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from loket.demand.priority import VULNERABILITY_CRITERIA, VULNERABILITY_KEY_CRITERIA

from . import selectors, services
from .forms import CalculatorForm, FinderForm
from .policy_words import FLAG_WORDS, desk_policy_in_words
from .tariffs import tariff_year_on

PAGE_SIZE = 20


def _register_url() -> str | None:
    for name in ("families:register", "families:start", "families:home"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@require_GET
def how_it_works(request):
    today = timezone.localdate()
    desks = [
        {"desk": desk, "policy": desk_policy_in_words(desk, on=today)}
        for desk in selectors.desks_for_information()
    ]
    vulnerable_criteria = [
        (FLAG_WORDS[name], name in VULNERABILITY_KEY_CRITERIA) for name in VULNERABILITY_CRITERIA
    ]
    return render(
        request,
        "guide/how_it_works.html",
        {
            "desks": desks,
            "register_url": _register_url(),
            "vulnerable_criteria": vulnerable_criteria,
            "vulnerable_minimum": 2,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cost(request):
    today = timezone.localdate()
    year = tariff_year_on(today)
    form = CalculatorForm(request.POST or None, year=year)
    estimate = comparison = None
    if form.is_bound and form.is_valid():
        estimate = services.day_price_estimate(**form.estimate_arguments(on=today))
        municipality = form.cleaned_data.get("municipality")
        comparison = [
            {
                "location": location,
                "price": location.free_day_price.day_price,
                "net": services.free_price_net(day_price=location.free_day_price.day_price, year=year),
            }
            for location in selectors.free_price_locations(
                municipality_id=municipality.pk if municipality else None
            )
        ]
        for row in comparison:
            row["difference"] = row["net"] - estimate.full_day_price
            row["difference_abs"] = abs(row["difference"])
    return render(
        request,
        "guide/cost.html",
        {"form": form, "estimate": estimate, "comparison": comparison, "year": year},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_GET
def finder(request):
    form = FinderForm(request.GET or None)
    today = timezone.localdate()
    # With an unknown place the other filters still apply; the error summary says what to correct.
    if form.is_bound:
        form.is_valid()
    filters = form.filters() if form.is_bound else selectors.FinderFilters()
    results = selectors.location_list(filters=filters, today=today)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "total": len(results),
        "origin": filters.origin,
        "query": query.urlencode(),
    }
    template = "guide/_results.html" if request.headers.get("HX-Request") else "guide/finder.html"
    return render(request, template, context)


@require_GET
def location_detail(request, pk: int):
    location = selectors.location_get(pk=pk)
    if location is None:
        raise Http404
    today = timezone.localdate()
    origin = selectors.postcode_resolve(text=request.GET.get("place", "")[:200])
    distance = (
        services.distance_km(origin.latitude, origin.longitude, location.latitude, location.longitude)
        if origin
        else None
    )
    free_price = getattr(location, "free_day_price", None)
    year = tariff_year_on(today)
    return render(
        request,
        "guide/location.html",
        {
            "location": location,
            "desk": location.municipality.desk,
            "openings": selectors.location_openings(location=location, today=today),
            "origin": origin,
            "distance": distance,
            "free_price": free_price,
            "free_price_net": services.free_price_net(day_price=free_price.day_price, year=year)
            if free_price
            else None,
            "year": year,
            "register_url": _register_url(),
        },
    )
