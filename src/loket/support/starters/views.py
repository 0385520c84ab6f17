"""Starters' pages: the start page with the sign-up form (rate limited, honeypot), the e-mail link that signs in,
the starter's own track (steps, plan and IKT-mix choice, intake, opening); and for agents and partners' advisers
the starters they follow, where an agent confirms the opening and makes the provider account."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loket.accounts.policies import allowed_to
from loket.core.ratelimit import RateLimit, honeypot_filled, refused_message

from ..errors import SupportError
from ..events import selectors as events
from ..events.services import registration_token
from ..models import ENDED, Event, EventKind, StarterStatus, StarterStep
from ..questions.services import follow_token
from . import selectors, services
from .forms import MakeProviderForm, OpeningForm, PlanForm, SignUpForm

SIGN_UP_LIMIT = RateLimit("support.starter_sign_up", per_address=10, per_key=3, window=3600)


@require_http_methods(["GET", "POST"])
def start(request):
    """For people who want to open a childcare location: what the track is, and signing up for it."""
    if selectors.starter_of(request.user) is not None:
        return redirect("support:my_track")
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if honeypot_filled(request):
            form.add_error(None, refused_message())
        elif form.is_valid():
            wait = SIGN_UP_LIMIT.attempt(request, key=form.cleaned_data["email"])
            if wait:
                form.add_error(None, SIGN_UP_LIMIT.message(wait))
            else:
                data = form.cleaned_data
                services.starter_sign_up(
                    name=data["name"],
                    email=data["email"],
                    municipality_name=data["municipality_name"],
                    care_plan=data["care_plan"],
                    language=translation.get_language() or "nl",
                )
                return render(request, "support/starter_sent.html", {"email": data["email"]})
    return render(
        request,
        "support/starter_start.html",
        {"form": form, "steps": StarterStep.objects.order_by("order")},
    )


@require_GET
def sign_in_link(request, token):
    starter = services.starter_from_token(token)
    if starter is None:
        messages.error(request, _("This link has expired or was used already. Ask for a new one below."))
        return redirect("support:start")
    starter = services.starter_confirm(starter=starter)
    if starter.user.has_usable_password():
        # An account with a password (a provider's or the desk's staff) signs in the usual way, with its second factor.
        messages.info(
            request, _("Your starters' track is linked to your account. Sign in with your password.")
        )
        return redirect_to_login(reverse("support:my_track"))
    login(request, starter.user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Welcome, %(name)s. This is your starters' track.") % {"name": starter.name})
    return redirect("support:my_track")


def starter_required(view):
    """The starter's own pages: signed in with the e-mail link, as a person who signed up as a starter."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        starter = selectors.starter_of(request.user)
        if starter is None:
            messages.info(request, _("Sign up (or ask for a new link) to follow the starters' track."))
            return redirect("support:start")
        request.starter = starter
        return view(request, *args, **kwargs)

    return wrapped


def _track_page(request, *, plan_form=None, opening_form=None, status=200):
    starter = request.starter
    intake = (
        starter.registrations.filter(event__kind=EventKind.INTAKE)
        .exclude(status__in=ENDED)
        .select_related("event")
        .first()
    )
    return render(
        request,
        "support/my_track.html",
        {
            "starter": starter,
            "steps": selectors.track_progress(starter),
            "plan_form": plan_form or PlanForm(instance=starter),
            "opening_form": opening_form or OpeningForm(instance=starter),
            "slots": events.intake_slots(),
            "intake": intake,
            "intake_token": registration_token(intake) if intake else "",
            "questions": [
                {"question": q, "token": follow_token(q)}
                for q in starter.questions.order_by("-created_at")[:20]
            ],
            "provider": starter.status == StarterStatus.PROVIDER,
        },
        status=status,
    )


@starter_required
@require_GET
def my_track(request):
    return _track_page(request)


@starter_required
@require_POST
def my_step(request):
    step = get_object_or_404(StarterStep, pk=request.POST.get("step"))
    try:
        services.step_toggle(
            starter=request.starter, step=step, done=request.POST.get("done") == "1", actor=request.user
        )
    except SupportError as error:
        messages.error(request, str(error))
    return redirect(reverse("support:my_track") + f"#step-{step.pk}")


@starter_required
@require_POST
def my_plan(request):
    form = PlanForm(request.POST, instance=request.starter)
    if form.is_valid():
        try:
            services.starter_plan(starter=request.starter, data=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your plan is saved."))
            return redirect("support:my_track")
    request.starter.refresh_from_db()
    return _track_page(request, plan_form=form, status=400)


@starter_required
@require_POST
def my_intake(request):
    event = get_object_or_404(Event, pk=request.POST.get("event"), kind=EventKind.INTAKE)
    try:
        services.intake_book(starter=request.starter, event=event, actor=request.user)
    except SupportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your intake is booked. You receive a confirmation by e-mail."))
    return redirect("support:my_track")


@starter_required
@require_POST
def my_opening(request):
    form = OpeningForm(request.POST, instance=request.starter)
    if form.is_valid():
        try:
            services.starter_announce_opening(
                starter=request.starter, data=form.cleaned_data, actor=request.user
            )
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Congratulations! The support desk confirms your opening and makes your provider account."),
            )
        return redirect("support:my_track")
    request.starter.refresh_from_db()
    return _track_page(request, opening_form=form, status=400)


# --- agents and partners' advisers -------------------------------------------------------------------------------


@allowed_to("support.follow_starters")
@require_GET
def starters(request):
    status = request.GET.get("status", "")
    items = selectors.starters_visible_to(request.scope)
    if status in StarterStatus.values:
        items = items.filter(status=status)
    return render(
        request,
        "support/starters.html",
        {"starters": items[:200], "status": status, "statuses": StarterStatus.choices},
    )


@allowed_to("support.follow_starters")
@require_GET
def starter(request, pk):
    item = selectors.starter_for(request.scope, pk)
    if item is None:
        raise Http404
    return render(
        request,
        "support/starter.html",
        {
            "starter": item,
            "steps": selectors.track_progress(item),
            "questions": item.questions.order_by("-created_at"),
            "is_agent": request.scope.may("support.agent"),
            "may_confirm": request.scope.may("support.agent") and item.status == StarterStatus.OPENING,
            "provider_form": MakeProviderForm(
                initial={
                    "care_type": item.care_plan or "group",
                    "tariff_regime": item.tariff_plan or "free",
                    "subsidy_step": "2A" if item.tariff_plan in ("income", "mix") else "1",
                }
            ),
        },
    )


@allowed_to("support.agent")
@require_POST
def starter_provider(request, pk):
    item = selectors.starter_for(request.scope, pk)
    if item is None:
        raise Http404
    form = MakeProviderForm(request.POST)
    if form.is_valid():
        try:
            services.starter_make_provider(starter=item, actor=request.user, **form.cleaned_data)
        except (SupportError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request, _("%(name)s is now a provider with their own account.") % {"name": item.name}
            )
    return redirect("support:starter", pk)
