"""Events' pages: the public programme, an event with its registration form (limit per organisation, rate limited),
a registration behind its signed link (the ticket, with a QR code for check-in and a calendar file), and for agents
planning events, managing registrations (approve, cancel, move, promote), messages to everyone and check-in."""

from datetime import UTC

import segno
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loket.accounts.policies import allowed_to
from loket.core.csvfile import csv_response
from loket.core.links import public_url
from loket.core.ratelimit import RateLimit, honeypot_filled, refused_message

from ..errors import SupportError
from ..models import Event, Registration, RegistrationStatus
from ..questions.selectors import organiser_of
from . import selectors, services
from .forms import EventForm, EventMessageForm, MoveForm, RegisterForm

REGISTRATION_LIMIT = RateLimit("support.event_registration", per_address=20, per_key=5, window=3600)


@require_GET
def events(request):
    return render(request, "support/events.html", {"events": selectors.upcoming_events()})


@require_http_methods(["GET", "POST"])
def event(request, pk):
    item = get_object_or_404(selectors.upcoming_events(), pk=pk)
    organiser = organiser_of(request.user)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
        if organiser is not None:
            initial["organisation"] = organiser.name
    form = RegisterForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if honeypot_filled(request):
            form.add_error(None, refused_message())
        elif form.is_valid():
            wait = REGISTRATION_LIMIT.attempt(request, key=form.cleaned_data["email"])
            if wait:
                form.add_error(None, REGISTRATION_LIMIT.message(wait))
            else:
                try:
                    registration = services.registration_create(
                        event=item,
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        organiser=organiser,
                        organisation_name="" if organiser else form.cleaned_data["organisation"],
                        actor=request.user,
                    )
                except SupportError as error:
                    form.add_error(None, str(error))
                else:
                    return redirect("support:registration", services.registration_token(registration))
    return render(
        request, "support/event.html", {"event": item, "form": form, "full": item.taken >= item.capacity}
    )


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics(item: Event, *, join_url: str = "", uid: str = "") -> HttpResponse:
    stamp = "%Y%m%dT%H%M%SZ"
    location = _ics_text(join_url or (_("Online") if item.online else item.venue))
    description = item.description + (f"\n\n{_('Join online')}: {join_url}" if join_url else "")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Loket//VoorZet//NL",
        "BEGIN:VEVENT",
        f"UID:{uid or f'voorzet-event-{item.pk}'}@loket",
        f"DTSTAMP:{timezone.now().astimezone(UTC).strftime(stamp)}",
        f"DTSTART:{item.starts_at.astimezone(UTC).strftime(stamp)}",
        f"DTEND:{item.ends_at.astimezone(UTC).strftime(stamp)}",
        f"SUMMARY:{_ics_text(item.title)}",
        f"DESCRIPTION:{_ics_text(description)}",
        f"LOCATION:{location}",
    ]
    if join_url:
        lines.append(f"URL:{join_url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    response = HttpResponse("\r\n".join(lines) + "\r\n", content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="voorzet-{item.pk}.ics"'
    return response


@require_GET
def event_ics(request, pk):
    """The public calendar file: without the join link, which only confirmed participants get."""
    return _ics(get_object_or_404(Event, pk=pk))


def _registration(token) -> Registration:
    item = services.registration_from_token(token)
    if item is None:
        raise Http404
    return item


@require_GET
def registration_ics(request, token):
    """The participant's own calendar file: with the join link once their place is confirmed."""
    item = _registration(token)
    join = item.event.join_url if item.status == RegistrationStatus.CONFIRMED else ""
    return _ics(item.event, join_url=join, uid=f"voorzet-registration-{item.pk}")


@require_http_methods(["GET", "POST"])
def registration(request, token):
    item = _registration(token)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                services.registration_cancel(registration=item, actor=request.user)
                messages.success(request, _("Your registration is cancelled."))
            elif request.POST.get("action") == "claim":
                services.registration_claim(registration=item)
                messages.success(request, _("The place is yours."))
        except SupportError as error:
            messages.error(request, str(error))
        return redirect("support:registration", token)
    qr = None
    if item.status == RegistrationStatus.CONFIRMED:
        link = public_url(reverse("support:check_in", args=[services.check_in_token(item)]))
        qr = segno.make(link, error="m").svg_inline(scale=4, title=_("Check-in code"))
    return render(
        request,
        "support/registration.html",
        {
            "registration": item,
            "event": item.event,
            "position": selectors.waiting_position(item),
            "qr": qr,
            "token": token,
            "join_url": item.event.join_url if item.status == RegistrationStatus.CONFIRMED else "",
        },
    )


# --- agents ------------------------------------------------------------------------------------------------------


@allowed_to("support.agent")
@require_GET
def events_manage(request):
    past = request.GET.get("past") == "1"
    return render(
        request,
        "support/events_manage.html",
        {"events": selectors.events_for_agents(past=past), "past": past},
    )


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def event_new(request):
    return _event_form(request, None)


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    return _event_form(request, get_object_or_404(Event, pk=pk))


def _event_form(request, item):
    form = EventForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in EventForm.Meta.fields}
        saved = services.event_save(data=data, actor=request.user, event=item)
        if item is None and form.cleaned_data["repeat_count"] > 1:
            services.series_create(
                first=saved,
                title=saved.title,
                every_weeks=form.cleaned_data["every_weeks"],
                count=form.cleaned_data["repeat_count"],
            )
        messages.success(request, _("The event is saved."))
        return redirect("support:event_manage", saved.pk)
    return render(request, "support/event_new.html", {"form": form, "event": item})


ACTIONS = {"approve", "decline", "cancel", "promote", "check_in", "undo_check_in"}


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def event_manage(request, pk):
    item = get_object_or_404(Event, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "attendance":
            services.attendance_set(
                event=item, attended_ids=request.POST.getlist("attended"), actor=request.user
            )
            messages.success(request, _("Attendance is saved."))
        elif action in ACTIONS:
            registration_item = get_object_or_404(
                Registration, pk=request.POST.get("registration"), event=item
            )
            try:
                _act(action, registration_item, request.user)
            except SupportError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("%(name)s: done.") % {"name": registration_item.name})
        return redirect("support:event_manage", pk)
    return render(
        request,
        "support/event_manage.html",
        {
            "event": item,
            "registrations": selectors.event_registrations(item),
            "taken": services.places_taken(item),
            "message_form": EventMessageForm(),
            "move_form": MoveForm(events=selectors.other_sessions(item)),
            "sent": selectors.event_messages(item)[:10],
            "check_ins": item.registrations.filter(checked_in_at__isnull=False).count(),
        },
    )


def _act(action: str, registration_item: Registration, actor) -> None:
    if action in ("approve", "decline"):
        services.registration_decide(registration=registration_item, approve=action == "approve", actor=actor)
    elif action == "cancel":
        services.registration_cancel(registration=registration_item, actor=actor)
    elif action == "promote":
        services.registration_promote(registration=registration_item, actor=actor)
    else:
        services.registration_check_in(
            registration=registration_item, actor=actor, undo=action == "undo_check_in"
        )


@allowed_to("support.agent")
@require_POST
def registration_move(request, pk, registration_pk):
    item = get_object_or_404(Event, pk=pk)
    registration_item = get_object_or_404(Registration, pk=registration_pk, event=item)
    form = MoveForm(request.POST, events=selectors.other_sessions(item))
    if form.is_valid():
        try:
            moved = services.registration_move(
                registration=registration_item, to_event=form.cleaned_data["to_event"], actor=request.user
            )
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is moved to %(event)s (%(status)s).")
                % {"name": moved.name, "event": moved.event.title, "status": moved.get_status_display()},
            )
    else:
        messages.error(request, _("Choose the event to move to."))
    return redirect("support:event_manage", pk)


@allowed_to("support.agent")
@require_POST
def event_message(request, pk):
    item = get_object_or_404(Event, pk=pk)
    form = EventMessageForm(request.POST)
    if form.is_valid():
        sent = services.event_message_send(event=item, actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            ngettext(
                "The message is sent to %(n)s person.",
                "The message is sent to %(n)s people.",
                sent.recipients,
            )
            % {"n": sent.recipients},
        )
    else:
        messages.error(request, _("Give a subject and a message."))
    return redirect("support:event_manage", pk)


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def check_in(request, token):
    """What the ticket's QR code opens on an agent's phone: the person, and a button to check them in."""
    item = services.registration_from_check_in(token)
    if item is None:
        raise Http404
    if request.method == "POST":
        try:
            services.registration_check_in(registration=item, actor=request.user)
        except SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": item.name})
        return redirect("support:check_in", token)
    return render(request, "support/check_in.html", {"registration": item, "event": item.event})


@allowed_to("support.agent")
@require_GET
def attendance_csv(request):
    rows = [[_("Organiser"), _("Event"), _("Date"), _("Registered"), _("Attended")]]
    for row in selectors.attendance_by_organiser():
        rows.append(
            [
                row["organiser__name"] or row["organisation_name"] or _("(no organiser)"),
                row["event__title"],
                timezone.localtime(row["event__starts_at"]).date(),
                row["registered"],
                row["attended"],
            ]
        )
    return csv_response(rows, filename="voorzet-aanwezigheid.csv")
