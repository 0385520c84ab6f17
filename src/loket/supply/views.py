"""The providers' portal: a provider's locations, their free places, capacity and the requests that chose them;
and the desk's follow-up of stale free places and unanswered requests. Views are thin: selectors read, services write.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from loket.accounts.policies import allowed_to
from loket.audit.services import audit_record
from loket.core import charts
from loket.demand.selectors import requests_waiting_at, requests_with_ids

from . import selectors, services
from .forms import AnswerForm, EnrolledForm, LocationForm, OpeningForm, WithdrawForm, attach_errors
from .models import Location


def _capacity_svg(location: Location, capacity: list[selectors.CapacityMonth]) -> str:
    """The capacity table as stacked columns per month against the licensed capacity (the table holds the same
    numbers for screen readers and print)."""
    chart = charts.stacked_column_chart(
        key="capacity",
        title=_("Capacity by month, %(name)s") % {"name": location.name},
        description=_(
            "Stacked bars per month: enrolled, promised, declared free; a line at the licensed capacity. "
            "The table below holds the same numbers."
        ),
        labels=[formats.date_format(row.month, "M") for row in capacity],
        sublabels=[
            str(row.month.year) if i == 0 or row.month.month == 1 else "" for i, row in enumerate(capacity)
        ],
        series=[
            (_("Enrolled"), [row.enrolled for row in capacity]),
            (_("Promised"), [row.promised for row in capacity]),
            (_("Declared free"), [row.free for row in capacity]),
        ],
        reference=(_("Licensed capacity"), capacity[0].licensed if capacity else 0),
    )
    return mark_safe(charts.to_svg(chart))  # noqa: S308 - to_svg escapes every text


def _location(request, pk) -> Location:
    return get_object_or_404(
        selectors.locations_managed_by(request.scope).select_related("municipality__desk"), pk=pk
    )


def _opening(request, pk):
    return get_object_or_404(selectors.openings_managed_by(request.scope), pk=pk)


def _decorate_openings(openings, *, today):
    openings = list(openings)
    # Which openings a round holds places of, read for all of them at once (not two queries per opening).
    held = selectors.places_held([o.pk for o in openings])
    rows = []
    for opening in openings:
        desk = opening.location.municipality.desk
        fresh_days = selectors.fresh_days_for(desk)
        rows.append(
            {
                "opening": opening,
                "fresh": selectors.is_fresh(opening, on=today, fresh_days=fresh_days),
                "confirm_by": selectors.confirm_due_on(opening, fresh_days=fresh_days),
                "locked": sum(held.get(opening.pk, (0, 0))) > 0,  # as services.opening_in_round
            }
        )
    return rows


@allowed_to("supply.manage")
def openings(request):
    """Every open free place of the person's locations, stale ones first, with a button to confirm them."""
    today = timezone.localdate()
    current = selectors.openings_managed_by(request.scope).filter(withdrawn_at__isnull=True)
    rows = _decorate_openings(current.order_by("location__name", "start_month", "pk"), today=today)
    rows.sort(key=lambda row: row["fresh"])
    return render(
        request,
        "supply/openings.html",
        {"rows": rows, "stale": sum(1 for row in rows if not row["fresh"]), "today": today},
    )


@allowed_to("supply.manage")
def location_detail(request, pk):
    location = _location(request, pk)
    today = timezone.localdate()
    capacity = selectors.capacity_by_month(location=location, on=today)
    current = location.openings.filter(withdrawn_at__isnull=True).select_related(
        "location__municipality__desk"
    )
    rows = _decorate_openings(current.order_by("start_month", "pk"), today=today)
    withdrawn = location.openings.filter(withdrawn_at__isnull=False).order_by("-withdrawn_at")[:10]
    return render(
        request,
        "supply/location_detail.html",
        {
            "location": location,
            "capacity": capacity,
            "chart_svg": _capacity_svg(location, capacity),
            "over": [row for row in capacity if row.over],
            "rows": rows,
            "stale": sum(1 for row in rows if not row["fresh"]),
            "withdrawn": withdrawn,
            "waiting": requests_waiting_at(location_ids=[location.pk]).count(),
            "awaited": selectors.answers_overdue(on=today, location_ids=[location.pk]),
        },
    )


@allowed_to("supply.manage")
def location_edit(request, pk):
    location = _location(request, pk)
    form = LocationForm(request.POST or None, location=location)
    if request.method == "POST" and form.is_valid():
        try:
            services.location_update(location=location, actor=request.user, **form.changes())
        except ValidationError as error:
            attach_errors(form, error, {"weekdays_mask": "weekdays"})
        else:
            messages.success(request, _("The location's data is saved."))
            return redirect("supply:location", pk=location.pk)
    return render(request, "supply/location_edit.html", {"location": location, "form": form})


@allowed_to("supply.manage")
def location_enrolled(request, pk):
    location = _location(request, pk)
    form = EnrolledForm(
        request.POST or None,
        initial={"total": location.enrolled_total, "reserve_eligible": location.enrolled_reserve_eligible},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.location_set_enrolled(location=location, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(
                form, error, {"enrolled_total": "total", "enrolled_reserve_eligible": "reserve_eligible"}
            )
        else:
            messages.success(request, _("The number of children enrolled is saved."))
            return redirect("supply:location", pk=location.pk)
    return render(request, "supply/location_enrolled.html", {"location": location, "form": form})


@allowed_to("supply.manage")
def opening_declare(request, pk):
    location = _location(request, pk)
    today = timezone.localdate()
    form = OpeningForm(request.POST or None, location=location, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            services.opening_declare(location=location, actor=request.user, **form.values())
        except ValidationError as error:
            attach_errors(form, error, {"weekdays_mask": "weekdays"})
        else:
            if form.values()["urgent_only"]:
                messages.success(
                    request,
                    _(
                        "The free places are declared and kept for urgent care: the desk assigns them directly."
                    ),
                )
            else:
                messages.success(
                    request, _("The free places are declared. The desk can use them in its next round.")
                )
            return redirect("supply:location", pk=location.pk)
    return render(request, "supply/opening_form.html", {"location": location, "form": form, "opening": None})


@allowed_to("supply.manage")
def opening_change(request, pk):
    opening = _opening(request, pk)
    location = opening.location
    if opening.withdrawn_at is not None:
        raise Http404
    locked = services.opening_in_round(opening)
    form = OpeningForm(request.POST or None, location=location, today=timezone.localdate(), opening=opening)
    if request.method == "POST" and not locked and form.is_valid():
        try:
            services.opening_change(opening=opening, actor=request.user, **form.values())
        except ValidationError as error:
            attach_errors(form, error, {"weekdays_mask": "weekdays"})
        else:
            messages.success(request, _("The free places are changed."))
            return redirect("supply:location", pk=location.pk)
    return render(
        request,
        "supply/opening_form.html",
        {"location": location, "form": form, "opening": opening, "locked": locked},
    )


@allowed_to("supply.manage")
def opening_withdraw(request, pk):
    opening = _opening(request, pk)
    if opening.withdrawn_at is not None:
        raise Http404
    locked = services.opening_in_round(opening)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and not locked and form.is_valid():
        try:
            services.opening_withdraw(opening=opening, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The free places are withdrawn."))
            return redirect("supply:location", pk=opening.location_id)
    return render(
        request, "supply/opening_withdraw.html", {"opening": opening, "form": form, "locked": locked}
    )


@require_POST
@allowed_to("supply.manage")
def opening_confirm(request, pk):
    opening = _opening(request, pk)
    if opening.withdrawn_at is not None:
        raise Http404
    services.opening_confirm(opening=opening, actor=request.user)
    messages.success(request, _("Thank you: the free places are confirmed."))
    if request.POST.get("next") == "openings":
        return redirect("supply:openings")
    return redirect("supply:location", pk=opening.location_id)


@require_POST
@allowed_to("supply.manage")
def location_confirm_all(request, pk):
    location = _location(request, pk)
    n = services.openings_confirm_all(location=location, actor=request.user)
    messages.success(
        request,
        ngettext(
            "Thank you: %(n)s declaration of free places is confirmed.",
            "Thank you: %(n)s declarations of free places are confirmed.",
            n,
        )
        % {"n": n},
    )
    return redirect("supply:location", pk=location.pk)


@allowed_to("supply.requests")
def location_requests(request, pk):
    location = _location(request, pk)
    today = timezone.localdate()
    rows = selectors.requests_for_location(location=location, on=today)
    audit_record(
        actor=request.user,
        event="location.requests_viewed",
        obj=location,
        desk_id=location.municipality.desk_id,
        request_ids=[row.pk for row in rows],
    )
    # Each family sees in its "who viewed my file" that a provider looked at its request.
    from loket.audit.services import audit_record_each

    audit_record_each(
        actor=request.user,
        event="request.viewed_by_provider",
        objects=[
            (found, found.desk_id, found.child.family_id)
            for found in requests_with_ids(row.pk for row in rows)
        ],
        location_id=location.pk,
    )
    answering = any(row.answer_due for row in rows)
    return render(
        request,
        "supply/location_requests.html",
        {
            "location": location,
            "rows": rows,
            "today": today,
            "answering": answering,
            "overdue": sum(1 for row in rows if row.overdue_on(today)),
            "form": AnswerForm(),
        },
    )


@require_POST
@allowed_to("supply.requests")
def request_answer(request, pk, request_pk):
    location = _location(request, pk)
    childcare_request = get_object_or_404(requests_waiting_at(location_ids=[location.pk]), pk=request_pk)
    if not selectors.supply_settings_for(childcare_request.desk).providers_answer_requests:
        raise Http404
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.provider_answer_record(
            request=childcare_request,
            location=location,
            answer=form.cleaned_data["answer"],
            actor=request.user,
        )
        messages.success(request, _("Your answer is saved. The family is told through the desk."))
    else:
        messages.error(request, _("Choose an answer."))
    return redirect("supply:location_requests", pk=location.pk)


FOLLOW_UP_PAGE_SIZE = 50


@allowed_to("supply.desk_follow_up")
def desk_follow_up(request):
    """For the desk: free places not re-confirmed in time (left out of rounds), declared places that do not fit
    the licence with the children enrolled and promised, and requests providers left unanswered. Each list a page
    at a time (its own page number in the address), so the page stays small for a whole city or region."""
    today = timezone.localdate()
    desk_ids = None if request.scope.is_superuser else request.scope.desk_ids

    def page_of(items, parameter):
        return Paginator(items, FOLLOW_UP_PAGE_SIZE).get_page(request.GET.get(parameter))

    overdue = page_of(selectors.choices_overdue(on=today, desk_ids=desk_ids), "pagina_antwoorden")
    return render(
        request,
        "supply/desk_follow_up.html",
        {
            "stale": page_of(selectors.openings_stale(on=today, desk_ids=desk_ids), "pagina_bevestiging"),
            "problems": page_of(
                selectors.capacity_problems(on=today, desk_ids=desk_ids), "pagina_vergunning"
            ),
            "overdue": overdue,
            "overdue_rows": [selectors.awaited_answer(choice, on=today) for choice in overdue],
            "today": today,
        },
    )
