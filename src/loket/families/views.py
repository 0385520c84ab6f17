"""The families' desk: registering (the parent, or a desk worker on the family's behalf), signing in with a one-time
link or an access code, and the status page's actions on a request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from loket.accounts import throttle
from loket.accounts.policies import allowed_to
from loket.core.ratelimit import RateLimit
from loket.demand.lifecycle import OPEN_STATUSES, Status
from loket.demand.selectors import family_by_reference, requests_registered_with, requests_visible_to
from loket.demand.services import (
    family_check_access_code,
    request_change_status,
    request_change_wishes,
    request_confirm_still_looking,
    request_set_choices,
)
from loket.supply.selectors import locations_of_desk

from . import forms, offers, services
from .wizard import DESK, WEB, Wizard

if TYPE_CHECKING:
    from loket.demand.models import ChildcareRequest

# Registration on the website (public: no account needed before the end)


@never_cache
def register(request):
    wizard = Wizard(request, WEB)
    draft = wizard.draft()
    return render(
        request,
        "families/register/start.html",
        {
            "draft": draft,
            "mode": WEB,
            "first_step_url": wizard.step_url(wizard.steps()[0]),
            "continue_url": wizard.step_url(wizard.first_unanswered(draft) or "controle") if draft else "",
            "restart_url": reverse("families:register_restart"),
            "signed_in_family": wizard.family,
        },
    )


@never_cache
def register_step(request, step):
    return Wizard(request, WEB).handle(step)


@require_POST
def register_restart(request):
    wizard = Wizard(request, WEB)
    draft = wizard.draft()
    if draft is not None:
        draft.delete()
    return redirect(wizard.step_url(wizard.steps()[0]))


@never_cache
def register_done(request):
    registered = request.session.get("registered")
    if not registered:
        return redirect("families:register")
    return render(request, "families/register/done.html", {"registered": registered, "mode": WEB})


# Registration at the desk, on the family's behalf


@allowed_to("families.register_on_behalf")
def desk_register(request):
    wizard = Wizard(request, DESK)
    draft = wizard.draft()
    return render(
        request,
        "families/register/start.html",
        {
            "draft": draft,
            "mode": DESK,
            "first_step_url": wizard.step_url(wizard.steps()[0]),
            "continue_url": wizard.step_url(wizard.first_unanswered(draft) or "controle") if draft else "",
            "restart_url": reverse("families:desk_register_restart"),
        },
    )


@allowed_to("families.register_on_behalf")
def desk_register_step(request, step):
    return Wizard(request, DESK).handle(step)


@require_POST
@allowed_to("families.register_on_behalf")
def desk_register_restart(request):
    wizard = Wizard(request, DESK)
    draft = wizard.draft()
    if draft is not None:
        draft.delete()
    return redirect(wizard.step_url(wizard.steps()[0]))


@allowed_to("families.register_on_behalf")
def desk_register_done(request):
    registered = request.session.pop("registered", None)
    if not registered:
        return redirect("families:desk_register")
    return render(request, "families/register/done.html", {"registered": registered, "mode": DESK})


# Signing in without a password

# Each request may send a mail: a few per address an hour, whoever asks (counted whether or not the account exists, so
# the limit says nothing about that). Limits in settings.LOKET_RATE_LIMITS, see docs/operations.md.
SIGN_IN_LINK_LIMIT = RateLimit("families.sign_in_link", per_address=20, per_key=3, window=3600)


@never_cache
def sign_in(request):
    form = forms.LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = SIGN_IN_LINK_LIMIT.attempt(request, key=form.cleaned_data["email"])
        if wait:
            form.add_error(None, SIGN_IN_LINK_LIMIT.message(wait))
            return render(
                request,
                "families/sign_in.html",
                {"form": form, "next": request.POST.get("next", "")},
                status=429,
            )
        services.sign_in_link_send(
            email=form.cleaned_data["email"],
            next_url=request.POST.get("next", ""),
        )
        return render(request, "families/sign_in_sent.html", {"email": form.cleaned_data["email"]})
    return render(
        request,
        "families/sign_in.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def sign_in_link(request, token):
    """GET shows a button; only the POST uses the link (mail scanners that open links must not use it up)."""
    if request.method == "POST":
        link = services.sign_in_link_use(token=token)
        if link is not None:
            login(request, link.user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(link.next_url or reverse("portal:family_home"))
    elif services.sign_in_link_check(token=token) is not None:
        return render(request, "families/sign_in_link.html", {})
    return render(request, "families/sign_in_link_invalid.html", {}, status=410)


@never_cache
def code_sign_in(request):
    form = forms.AccessCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"].strip().upper().replace(" ", "")
        if len(reference) == 8:
            reference = f"{reference[:4]}-{reference[4:]}"
        ip = throttle.client_ip(request)
        if throttle.is_locked(email=f"code:{reference}", ip=ip):
            form.add_error(
                None, _("Too many attempts. For your safety, try again in 15 minutes or call the desk.")
            )
        else:
            family = family_by_reference(reference)
            if family and family_check_access_code(family=family, code=form.cleaned_data["code"]):
                throttle.clear_failures(email=f"code:{reference}")
                login(
                    request,
                    services.access_code_user(family=family),
                    backend="django.contrib.auth.backends.ModelBackend",
                )
                return redirect("portal:family_home")
            throttle.record_failure(email=f"code:{reference}", ip=ip)
            form.add_error(
                "code", _("The file number or the access code is not right. Check both and try again.")
            )
    return render(request, "families/code_sign_in.html", {"form": form}, status=400 if form.errors else 200)


def privacy_text(request):
    return render(request, "families/privacy.html", {"version": services.CONSENT_VERSION})


# The status page's actions


def _own_request(request, pk, *, open_only=True) -> ChildcareRequest:
    qs = requests_visible_to(request.scope).filter(child__family_id__in=request.scope.family_ids)
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return get_object_or_404(qs.select_related("desk", "child__family__postcode"), pk=pk)


def _registered_together(req) -> list[ChildcareRequest]:
    """The other open requests of the children registered together with this one (twins, siblings)."""
    return list(requests_registered_with(req, open_only=True))


@allowed_to("family.change_request")
def change_choices(request, pk):
    """The family's ranked choices, changed later: the same list to add from as in the registration (nearest first,
    filtered and paged on the server). The registration date stays; twins registered together keep the same choices."""
    req = _own_request(request, pk)
    desk_locations = locations_of_desk(desk=req.desk_id).select_related("municipality")
    chosen = list(req.choices.order_by("rank").values_list("location_id", flat=True))
    by_pk = desk_locations.in_bulk(chosen)
    add_form = forms.AddChoiceForm(data={}, locations=())
    add_form.is_valid()  # bound and clean, so that errors can be added to it
    add_form.errors.clear()
    children = forms.ChildDates.of_child(req.child)
    status = 200
    if request.method == "POST":
        new = forms.choices_press(
            request.POST.get("action", ""),
            selected=request.POST.get("location", ""),
            chosen=chosen,
            locations=desk_locations,
            by_pk=by_pk,
            max_choices=req.desk.max_choices,
            fits=lambda location: all(
                child.fits(location, req.start_earliest, req.start_latest) for child in children
            ),
            form=add_form,
        )
        if new != chosen and not add_form.errors:
            try:
                with transaction.atomic():
                    request_set_choices(request=req, location_ids=new, actor=request.user)
                    for sibling in _registered_together(req):  # twins keep the same choices
                        request_set_choices(request=sibling, location_ids=new, actor=request.user)
            except ValidationError as error:
                add_form.add_error("location", error.messages[0])
            else:
                chosen = new
                if not request.headers.get("HX-Request"):
                    messages.success(
                        request, _("Your choices are saved. Your registration date stays the same.")
                    )
                    query = request.GET.urlencode()
                    return redirect(
                        reverse("families:change_choices", args=[req.pk])
                        + (f"?{query}" if query else "")
                        + "#keuzes"
                    )
        if add_form.errors:
            status = 400
    can_add = len(chosen) < req.desk.max_choices
    context = {
        "req": req,
        "form": add_form,
        "chosen": [by_pk[pk] for pk in chosen if pk in by_pk],
        "max_choices": req.desk.max_choices,
        "can_add": can_add,
        "saved_now": request.method == "POST" and status == 200,
    }
    if can_add:
        from .wizard import choice_search_context

        context.update(
            choice_search_context(
                request,
                desk_id=req.desk_id,
                origin=req.child.family.postcode,
                children=children,
                earliest=req.start_earliest,
                latest=req.start_latest,
                weekdays=list(req.weekdays),
                accepted_tariffs=req.accepted_tariffs,
                chosen=chosen,
            )
        )
    return render(request, "families/change_choices.html", context, status=status)


@allowed_to("family.change_request")
def change_wishes(request, pk):
    req = _own_request(request, pk)
    initial = {
        "start_earliest": req.start_earliest.strftime("%Y-%m"),
        "start_latest": req.start_latest.strftime("%Y-%m"),
        "weekdays": [str(d) for d in req.weekdays],
        "tariffs": req.accepted_tariffs,
    }
    form = forms.WishesForm(
        request.POST or None,
        initial=initial,
        children=forms.ChildDates.of_child(req.child),
        locations=[choice.location for choice in req.choices.select_related("location")],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            for each in [req, *_registered_together(req)]:  # twins keep the same days and start
                request_change_wishes(
                    request=each,
                    start_earliest=data["start_earliest"],
                    start_latest=data["start_latest"],
                    weekdays_chosen=data["weekdays"],
                    accepts_income_tariff="income" in data["tariffs"],
                    accepts_free_price="free" in data["tariffs"],
                    actor=request.user,
                )
        messages.success(request, _("Your wishes are saved. Your registration date stays the same."))
        return redirect("portal:family_home")
    return render(
        request, "families/change_wishes.html", {"req": req, "form": form}, status=400 if form.errors else 200
    )


@allowed_to("family.change_request")
def withdraw(request, pk):
    req = _own_request(request, pk)
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request_change_status(
            request=req, to=Status.WITHDRAWN, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Your request is withdrawn. You can register again at any time."))
        return redirect("portal:family_home")
    return render(request, "families/withdraw.html", {"req": req, "form": form})


@require_POST
@allowed_to("family.change_request")
def still_looking(request, pk):
    req = _own_request(request, pk)
    request_confirm_still_looking(request=req, actor=request.user)
    messages.success(request, _("Thank you. We keep looking for a place."))
    return redirect("portal:family_home")


@allowed_to("family.change_request")
def set_password(request):
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password is saved. You can now also sign in with it."))
        return redirect("portal:family_home")
    return render(request, "families/set_password.html", {"form": form}, status=400 if form.errors else 200)


@allowed_to("family.change_request")
def offer_answer(request, pk):
    offer = offers.offer_for_family(scope=request.scope, pk=pk)
    decline_form = forms.DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                offers.accept(
                    offer=offer, actor=request.user, keep_waiting=bool(request.POST.get("keep_waiting"))
                )
                messages.success(request, _("You accepted the place. The provider will contact you."))
                return redirect("portal:family_home")
            if action == "decline" and decline_form.is_valid():
                offers.decline(offer=offer, actor=request.user, reason=decline_form.cleaned_data["reason"])
                messages.success(
                    request, _("You declined the place. We keep looking for your other choices.")
                )
                return redirect("portal:family_home")
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "families/offer.html",
        {"offer": offer, "facts": offers.offer_facts(offer), "decline_form": decline_form, "error": error},
        status=400 if (decline_form.errors or error) else 200,
    )
