"""Rounds for the desk, proposals and placements for providers, waiting lists, and the family's offers. Thin: the
rules are in services.py and offers.py, the reads in selectors.py."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from loket.accounts.policies import allowed_to
from loket.areas.selectors import desks_in_reach
from loket.audit.services import audit_record, audit_record_each
from loket.demand import selectors as demand_selectors
from loket.demand.lifecycle import WAITING_STATUSES

from . import explanations, forms, selectors, services
from .models import Offer, Proposal, ReviewRequest, Round
from .waiting import waiting_list


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- desk: rounds ------------------------------------------------------------------------------------------------


def _desks(request):
    return desks_in_reach(None if request.scope.is_superuser else request.scope.desk_ids)


ROUNDS_PAGE_SIZE = 25


@allowed_to("allocation.rounds")
def rounds(request):
    desks = _desks(request)
    form = forms.PrepareRoundForm(request.POST or None, desks=desks)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_prepare_queue(
                desk=form.cleaned_data["desk"],
                on=form.cleaned_data["date"],
                partner_desks=form.cleaned_data.get("partner_desks") or (),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(
                request,
                _("The round is being prepared. This page shows the progress; then check the preview."),
            )
            return redirect("allocation:round_detail", pk=round_.pk)
    # The list never loads a round's JSON (instance, result, explanations): it shows the stored counts.
    listed = selectors.rounds_visible_to(request.scope).defer(*selectors.ROUND_BLOBS)
    page = Paginator(listed, ROUNDS_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "allocation/rounds.html",
        {
            "page": page,
            "form": form,
            "open_reviews": selectors.reviews_of_desks(request.scope)
            .filter(status=ReviewRequest.Status.OPEN)
            .count(),
        },
    )


def _round(request, pk, *, light=False) -> Round:
    rounds_ = selectors.rounds_visible_to(request.scope)
    if light:
        rounds_ = rounds_.defer(*selectors.ROUND_BLOBS).annotate(tie_break=F("instance__policy__tie_break"))
    return get_object_or_404(rounds_, pk=pk)


@allowed_to("allocation.rounds")
def round_detail(request, pk):
    round_ = _round(request, pk, light=True)
    proposals = round_.proposals.select_related("location", "request__child__family", "offer").order_by(
        "location__name", "pk"
    )
    audit_record(actor=request.user, event="round.viewed", obj=round_, desk_id=round_.desk_id)
    return render(
        request,
        "allocation/round_detail.html",
        {
            "round": round_,
            "figures": Round.objects.filter(pk=round_.pk).values_list("figures", flat=True).first(),
            "check_report": Round.objects.filter(pk=round_.pk).values_list("check_report", flat=True).first(),
            "proposals": proposals,
            "desks": round_.desks.all(),
        },
    )


@allowed_to("allocation.rounds")
def round_progress(request, pk):
    """The job's progress (htmx polls it): the stages while it works; once it is done or failed, the whole page
    again (HX-Refresh), so the result or the reason shows."""
    round_ = _round(request, pk, light=True)
    response = render(request, "allocation/_round_job.html", {"round": round_})
    if not round_.job_busy:
        response["HX-Refresh"] = "true"
    return response


def _queued(request, pk, start, success: str):
    round_ = _round(request, pk, light=True)
    try:
        start(round=round_, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, success)
    return redirect("allocation:round_detail", pk=round_.pk)


@require_POST
@allowed_to("allocation.rounds")
def round_run(request, pk):
    return _queued(
        request, pk, services.round_run_queue, _("The round is running. This page shows the progress.")
    )


@require_POST
@allowed_to("allocation.rounds")
def round_job_retry(request, pk):
    return _queued(request, pk, services.round_job_retry, _("The job starts again."))


@require_POST
@allowed_to("allocation.rounds")
def round_publish(request, pk):
    round_ = _round(request, pk, light=True)
    try:
        proposals = services.round_publish(round=round_, actor=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            ngettext("Published: %(n)d proposal.", "Published: %(n)d proposals.", len(proposals))
            % {"n": len(proposals)},
        )
    return redirect("allocation:round_detail", pk=round_.pk)


@require_POST
@allowed_to("allocation.rounds")
def round_recheck(request, pk):
    return _queued(
        request,
        pk,
        services.round_recheck_queue,
        _("The round is being checked: the result is checked and the engine runs the instance again."),
    )


def _json_download(data, filename):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@allowed_to("allocation.rounds")
def round_instance(request, pk):
    """The stored instance, as `loket allocate` reads it (with the lottery seed once the round has run)."""
    round_ = _round(request, pk)
    audit_record(
        actor=request.user, event="round.downloaded", obj=round_, desk_id=round_.desk_id, part="instance"
    )
    return _json_download(round_.downloadable_instance(), f"round-{round_.pk}-instance.json")


@allowed_to("allocation.rounds")
def round_result(request, pk):
    round_ = _round(request, pk)
    if round_.result is None:
        return redirect("allocation:round_detail", pk=round_.pk)
    audit_record(
        actor=request.user, event="round.downloaded", obj=round_, desk_id=round_.desk_id, part="result"
    )
    return _json_download(round_.result, f"round-{round_.pk}-result.json")


# --- desk: urgent care and reviews -------------------------------------------------------------------------------


@allowed_to("allocation.urgent")
def urgent(request):
    desk_ids = list(_desks(request).values_list("pk", flat=True))
    requests_qs = (
        demand_selectors.requests_of_desks(desk_ids)
        .filter(urgent=True, status__in=WAITING_STATUSES)
        .exclude(offers__status=Offer.Status.OPEN)
        .order_by("registered_at")
    )
    openings_qs = selectors.openings_urgent_free(desk_ids=desk_ids, on=timezone.localdate())
    form = forms.UrgentAssignForm(request.POST or None, requests=requests_qs, openings=openings_qs)
    if request.method == "POST" and form.is_valid():
        try:
            services.urgent_assign(
                request=form.cleaned_data["request"],
                opening=form.cleaned_data["opening"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("The urgent-care place is offered to the family."))
            return redirect("allocation:urgent")
    recent = selectors.offers_of_desks(request.scope).filter(kind=Offer.Kind.URGENT)[:20]
    return render(request, "allocation/urgent.html", {"form": form, "recent": recent})


@allowed_to("allocation.reviews")
def reviews(request):
    return render(
        request,
        "allocation/reviews.html",
        {"reviews": selectors.reviews_of_desks(request.scope)[:100]},
    )


@allowed_to("allocation.reviews")
def review_detail(request, pk):
    review = get_object_or_404(selectors.reviews_of_desks(request.scope), pk=pk)
    form = forms.ReviewAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.review_request_answer(review=review, actor=request.user, answer=form.cleaned_data["answer"])
        messages.success(request, _("The answer is saved; the family sees it on its page."))
        return redirect("allocation:reviews")
    audit_record(
        actor=request.user,
        event="review.viewed",
        obj=review,
        desk_id=review.request.desk_id,
        family_id=review.request.child.family_id,
    )
    round_, explanation = selectors.latest_explanation(review.request)
    tie_break = round_.tie_break if round_ else "registered_at"
    return render(
        request,
        "allocation/review_detail.html",
        {
            "review": review,
            "form": form,
            "round": round_,
            "items": explanations.explain_request(explanation, tie_break=tie_break),
        },
    )


# --- waiting lists -----------------------------------------------------------------------------------------------


WAITING_PAGE_SIZE = 50


@allowed_to("allocation.waiting_list")
def waiting_lists(request):
    locations = selectors.waiting_list_locations(request.scope).filter(active=True).order_by("name", "pk")
    page = Paginator(locations, WAITING_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "allocation/waiting_lists.html", {"page": page})


@allowed_to("allocation.waiting_list")
def waiting_list_detail(request, pk):
    location = get_object_or_404(selectors.waiting_list_locations(request.scope), pk=pk)
    # The order needs every waiting request (the rules rank them in Python); the page shows one page of it.
    rows = waiting_list(location=location, on=timezone.localdate())
    page = Paginator(rows, WAITING_PAGE_SIZE).get_page(request.GET.get("pagina"))
    # Desk staff see file numbers; providers see only what they need (no family reference).
    show_reference = request.scope.is_superuser or location.municipality.desk_id in request.scope.desk_ids
    audit_record(actor=request.user, event="waiting_list.viewed", obj=location, location=location.pk)
    return render(
        request,
        "allocation/waiting_list.html",
        {"location": location, "page": page, "show_reference": show_reference},
    )


# --- providers ---------------------------------------------------------------------------------------------------


@allowed_to("allocation.proposals")
def proposals(request):
    pending = selectors.proposals_for_provider(request.scope).filter(status=Proposal.Status.AWAITING_PROVIDER)
    accepted = selectors.offers_for_provider(request.scope).filter(status=Offer.Status.ACCEPTED)
    open_offers = selectors.offers_for_provider(request.scope).filter(status=Offer.Status.OPEN)
    placements = selectors.placements_for_provider(request.scope)[:30]
    pending = list(pending.select_related("request__child"))
    accepted = list(accepted.select_related("request__child"))
    open_offers = list(open_offers.select_related("request__child"))
    # Each family sees in its "who viewed my file" that a provider looked at its request.
    seen = {item.request_id: item.request for item in [*pending, *accepted, *open_offers]}
    audit_record_each(
        actor=request.user,
        event="request.viewed_by_provider",
        objects=[(r, r.desk_id, r.child.family_id) for r in seen.values()],
        page="proposals",
    )
    return render(
        request,
        "allocation/proposals.html",
        {
            "pending": [(p, explanations.explain_proposal(p)) for p in pending],
            "accepted": accepted,
            "open_offers": open_offers,
            "placements": placements,
            "refuse_form": forms.RefuseForm(),
            "placement_form": forms.PlacementForm(),
        },
    )


@require_POST
@allowed_to("allocation.proposals")
def proposal_decide(request, pk):
    proposal = get_object_or_404(selectors.proposals_for_provider(request.scope), pk=pk)
    try:
        if request.POST.get("decision") == "refuse":
            form = forms.RefuseForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the reason, so the desk can follow up."))
                return redirect("allocation:proposals")
            services.proposal_refuse(
                proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The proposal is refused; the place goes back to the next round."))
        else:
            services.offer_confirm(proposal=proposal, actor=request.user)
            messages.success(request, _("Confirmed: the family gets the offer."))
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("allocation:proposals")


@require_POST
@allowed_to("allocation.proposals")
def placement_record(request, pk):
    offer = get_object_or_404(selectors.offers_for_provider(request.scope), pk=pk)
    form = forms.PlacementForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the contract starts."))
        return redirect("allocation:proposals")
    try:
        services.placement_record(
            offer=offer, contract_start=form.cleaned_data["contract_start"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The placement is recorded; the enrolled count is updated."))
    return redirect("allocation:proposals")


# --- families ----------------------------------------------------------------------------------------------------


@require_POST
@allowed_to("allocation.family_review")
def family_review(request, pk):
    """A family asks for a person to review what it was offered or not (GDPR art. 22)."""
    childcare_request = get_object_or_404(
        demand_selectors.requests_of_families(request.scope.family_ids), pk=pk
    )
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        services.review_request_create(
            request=childcare_request, actor=request.user, message=form.cleaned_data["message"]
        )
        messages.success(
            request, _("We received your question. A person of the desk looks at it and answers you.")
        )
    else:
        messages.error(request, " ".join(form.errors.get("message", [])))
    # The explanations and the review form live on the family's status page.
    return redirect(reverse("portal:family_home") + f"#why-{childcare_request.pk}")
