"""The support desk's pages. Public: asking a question (with live article suggestions), following it through a
signed link, the knowledge base, events and registrations. Staff: the agent's queue and question view, the partner's
queue, editing articles, events management, figures; the families' desk signals providers needing support."""

from datetime import UTC

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loket.accounts.policies import allowed_to, scope_of
from loket.core.csvfile import csv_response

from . import selectors, services
from .forms import (
    ArticleForm,
    AskerReplyForm,
    AskForm,
    CloseForm,
    CoachingForm,
    EventForm,
    LogQuestionForm,
    ReferForm,
    RegisterForm,
    ReplyForm,
    SignalForm,
)
from .models import (
    HOLDS_A_PLACE,
    Article,
    CannedAnswer,
    Event,
    Outcome,
    Registration,
    RegistrationStatus,
    StarterStep,
    Status,
    Theme,
)
from .search import search_articles, search_text


def _published():
    return Article.objects.filter(published=True)


def _suggestions(text: str):
    return search_articles(_published(), text, limit=5) if len((text or "").strip()) >= 4 else []


# --- public: asking and following --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def ask(request):
    """Ask a question. Without JavaScript, 'Show matching articles' reloads the page with suggestions."""
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    form = AskForm(request.POST or None, initial=initial)
    suggestions = []
    if request.method == "POST":
        suggestions = _suggestions(f"{request.POST.get('subject', '')} {request.POST.get('body', '')}")
        if "suggest" not in request.POST and form.is_valid():
            data = form.cleaned_data
            scope = scope_of(request.user)
            organiser = None
            if scope.organiser_ids or scope.location_organiser_ids:
                from loket.supply.models import Organiser

                organiser = Organiser.objects.filter(
                    pk__in=scope.organiser_ids | scope.location_organiser_ids
                ).first()
            question = services.question_ask(
                subject=data["subject"],
                body=data["body"],
                theme=data["theme"],
                name=data["name"],
                email=data["email"],
                is_starter=data["is_starter"],
                organiser=organiser,
                language=translation.get_language() or "nl",
                actor=request.user,
            )
            messages.success(
                request, _("Thank you. We have received your question and sent you a link to follow it.")
            )
            return redirect("support:follow", services.follow_token(question))
    return render(request, "support/ask.html", {"form": form, "suggestions": suggestions})


@require_GET
def suggestions(request):
    """The htmx fragment: matching articles while a person types."""
    text = f"{request.GET.get('subject', '')} {request.GET.get('body', '')}"
    return render(request, "support/_suggestions.html", {"suggestions": _suggestions(text)})


@require_http_methods(["GET", "POST"])
def follow(request, token):
    question = services.question_from_token(token)
    if question is None:
        raise Http404
    form = AskerReplyForm(request.POST or None)
    if request.method == "POST":
        if "article" in request.POST:
            article = get_object_or_404(_published(), pk=request.POST.get("article"))
            services.question_solved_by_article(question=question, article=article, actor=request.user)
            messages.success(request, _("Glad it helped. Your question is closed."))
            return redirect("support:follow", token)
        if question.status != Status.CLOSED and form.is_valid():
            services.question_asker_reply(
                question=question, body=form.cleaned_data["body"], actor=request.user
            )
            messages.success(request, _("Your reply has been sent."))
            return redirect("support:follow", token)
    suggested = (
        _suggestions(f"{question.subject} {question.body}") if question.status != Status.CLOSED else []
    )
    track = getattr(question, "track", None) if question.is_starter else None
    return render(
        request,
        "support/follow.html",
        {
            "question": question,
            "thread": selectors.thread(question, with_internal=False),
            "form": form,
            "suggested": suggested,
            "token": token,
            "steps": selectors.track_progress(track) if track else None,
        },
    )


@require_POST
def follow_step(request, token):
    """A starter ticks a step of their checklist."""
    question = services.question_from_token(token)
    if question is None or not question.is_starter:
        raise Http404
    step = get_object_or_404(StarterStep, pk=request.POST.get("step"))
    services.step_toggle(
        track=question.track, step=step, done=request.POST.get("done") == "1", actor=request.user
    )
    return redirect(reverse("support:follow", args=[token]) + "#track")


# --- public: knowledge base ----------------------------------------------------------------------------------------


@require_GET
def articles(request):
    query = request.GET.get("q", "").strip()[:200]
    theme = request.GET.get("theme", "")
    found = search_articles(_published(), query, limit=30) if query else _published()
    if theme and not query:
        found = found.filter(theme=theme)
    may_edit = scope_of(request.user).may("support.edit_articles")
    return render(
        request,
        "support/articles.html",
        {"articles": found, "q": query, "theme": theme, "themes": Theme.choices, "may_edit": may_edit},
    )


@require_http_methods(["GET", "POST"])
def article(request, slug):
    item = get_object_or_404(_published(), slug=slug)
    if request.method == "POST":
        voted = set(request.session.get("support_useful", []))
        if item.pk not in voted:
            services.article_mark_useful(article=item)
            request.session["support_useful"] = sorted(voted | {item.pk})
        messages.success(request, _("Thank you for letting us know."))
        return redirect("support:article", slug)
    english = (translation.get_language() or "nl") == "en" and item.title_en
    return render(
        request,
        "support/article.html",
        {
            "article": item,
            "title": item.title_en if english else item.title_nl,
            "body": item.body_en if english else item.body_nl,
            "may_edit": scope_of(request.user).may("support.edit_articles"),
        },
    )


@allowed_to("support.edit_articles")
@require_http_methods(["GET", "POST"])
def article_edit(request, slug=None):
    item = get_object_or_404(Article, slug=slug) if slug else None
    form = ArticleForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved = services.article_save(data=form.cleaned_data, actor=request.user, article=item)
        messages.success(request, _("The article is saved (version %(n)s).") % {"n": saved.version})
        return redirect("support:article_edit", saved.slug)
    versions = item.versions.select_related("edited_by")[:20] if item else []
    return render(request, "support/article_edit.html", {"form": form, "article": item, "versions": versions})


# --- agents --------------------------------------------------------------------------------------------------------


@allowed_to("support.agent")
@require_GET
def queue(request):
    return render_queue(request)


def render_queue(request):
    """The agent's queue (also the agent's home page, core:support_home)."""
    status = request.GET.get("status", "")
    theme = request.GET.get("theme", "")
    items = selectors.queue(selectors.questions_visible_to(request.scope), status=status, theme=theme)
    return render(
        request,
        "support/queue.html",
        {
            "questions": items,
            "status": status,
            "theme": theme,
            "statuses": [(s, label) for s, label in Status.choices if s != Status.CLOSED],
            "themes": Theme.choices,
            "n_overdue": sum(1 for q in items if q.overdue),
        },
    )


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def log_question(request):
    form = LogQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        question = services.question_ask(
            subject=data["subject"],
            body=data["body"],
            theme=data["theme"],
            name=data["name"],
            email=data["email"],
            is_starter=data["is_starter"],
            channel=data["channel"],
            organiser=data["organiser"],
            actor=request.user,
        )
        messages.success(request, _("The question is logged."))
        return redirect("support:question", question.pk)
    return render(request, "support/log_question.html", {"form": form})


def _question_page(request, question, *, template, extra):
    form = ReplyForm(request.POST or None)
    canned_query = request.GET.get("canned", "").strip()[:100]
    canned = search_text(CannedAnswer.objects.all(), canned_query, ("title", "body")) if canned_query else []
    use = request.GET.get("use")
    if use and request.method == "GET":
        chosen = CannedAnswer.objects.filter(pk=use).first() if use.isdigit() else None
        if chosen:
            form = ReplyForm(initial={"body": chosen.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.question_answer(
                question=question,
                body=form.cleaned_data["body"],
                internal=form.cleaned_data["internal"],
                wait_for_asker=form.cleaned_data["wait_for_asker"],
                actor=request.user,
            )
        except services.SupportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your message is added."))
        return redirect(request.path)
    selectors.mark_overdue([question])
    context = {
        "question": question,
        "thread": selectors.thread(question, with_internal=True),
        "form": form,
        "close_form": CloseForm(),
        "canned": canned,
        "canned_query": canned_query,
        "outcomes": Outcome.choices,
        "context_panel": selectors.organiser_context(question.organiser),
        "suggested": _suggestions(f"{question.subject} {question.body}"),
        **extra,
    }
    return render(request, template, context)


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def question(request, pk):
    item = selectors.question_for(request.scope, pk)
    suggested_partner = services.suggest_partner(item)
    refer_form = ReferForm(initial={"partner": suggested_partner})
    return _question_page(
        request,
        item,
        template="support/question.html",
        extra={"refer_form": refer_form, "suggested_partner": suggested_partner},
    )


@allowed_to("support.agent")
@require_POST
def refer(request, pk):
    item = selectors.question_for(request.scope, pk)
    form = ReferForm(request.POST)
    if form.is_valid():
        try:
            services.question_refer(
                question=item,
                partner=form.cleaned_data["partner"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
            messages.success(
                request, _("Referred to %(partner)s.") % {"partner": form.cleaned_data["partner"].name}
            )
        except services.SupportError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Choose a partner."))
    return redirect("support:question", pk)


def _close(request, item, back):
    form = CloseForm(request.POST)
    if form.is_valid():
        services.question_close(question=item, outcome=form.cleaned_data["outcome"], actor=request.user)
        messages.success(request, _("The question is closed."))
    return redirect(back, item.pk)


@allowed_to("support.agent")
@require_POST
def close(request, pk):
    return _close(request, selectors.question_for(request.scope, pk), "support:question")


@allowed_to("support.agent")
@require_GET
def canned(request):
    query = request.GET.get("q", "").strip()[:100]
    items = search_text(CannedAnswer.objects.all(), query, ("title", "body"))
    return render(request, "support/canned.html", {"items": items, "q": query})


@allowed_to("support.agent")
@require_GET
def figures(request):
    data = selectors.figures()
    if request.GET.get("format") == "csv":
        rows = [["figure", "group", "month", "value"]]
        for row in data["per_month"]:
            for (code, _label), n in zip(data["themes"], row["counts"], strict=True):
                rows.append(["questions", code, row["month"].strftime("%Y-%m"), n])
        rows.append(["first_answer_hours_median", "", "", data["hours_median"]])
        rows.append(["first_answer_hours_mean", "", "", data["hours_mean"]])
        rows.append(["closed_by_article_percent", "", "", data["article_share"]])
        rows += [["referrals", row["partner__name"], "", row["n"]] for row in data["referrals"]]
        rows += [
            ["event_fill_percent", event.title, event.starts_at.strftime("%Y-%m-%d"), event.fill_rate]
            for event in data["events"]
        ]
        return csv_response(rows, filename="voorzet-cijfers.csv")
    return render(request, "support/figures.html", data)


# --- partners --------------------------------------------------------------------------------------------------------


@allowed_to("support.partner")
@require_GET
def partner_queue(request):
    mine = selectors.questions_visible_to(request.scope).filter(partner_id__in=request.scope.partner_ids)
    return render(
        request,
        "support/partner_queue.html",
        {
            "questions": selectors.queue(mine),
            "closed": mine.filter(status=Status.CLOSED).order_by("-closed_at")[:20],
            "tracks": selectors.tracks_visible_to(request.scope)[:20],
        },
    )


def _partner_question(request, pk):
    item = selectors.question_for(request.scope, pk)
    if item.partner_id not in request.scope.partner_ids and not request.scope.is_superuser:
        raise Http404
    return item


@allowed_to("support.partner")
@require_http_methods(["GET", "POST"])
def partner_question(request, pk):
    item = _partner_question(request, pk)
    return _question_page(
        request, item, template="support/partner_question.html", extra={"coaching_form": CoachingForm()}
    )


@allowed_to("support.partner")
@require_POST
def partner_coaching(request, pk):
    item = _partner_question(request, pk)
    form = CoachingForm(request.POST)
    if form.is_valid():
        services.question_plan_coaching(
            question=item, on=form.cleaned_data["on"], note=form.cleaned_data["note"], actor=request.user
        )
        messages.success(request, _("The coaching is planned and the asker is told."))
    else:
        messages.error(request, _("Give the date of the coaching."))
    return redirect("support:partner_question", pk)


@allowed_to("support.partner")
@require_POST
def partner_close(request, pk):
    return _close(request, _partner_question(request, pk), "support:partner_question")


# --- starters' tracks (agents and partners) ------------------------------------------------------------------------


@allowed_to("support.follow_starters")
@require_http_methods(["GET", "POST"])
def track(request, pk):
    item = selectors.tracks_visible_to(request.scope).filter(pk=pk).first()
    if item is None:
        raise Http404
    if request.method == "POST":
        step = get_object_or_404(StarterStep, pk=request.POST.get("step"))
        services.step_toggle(track=item, step=step, done=request.POST.get("done") == "1", actor=request.user)
        return redirect("support:track", pk)
    return render(request, "support/track.html", {"track": item, "steps": selectors.track_progress(item)})


@allowed_to("support.follow_starters")
@require_GET
def tracks(request):
    return render(
        request, "support/tracks.html", {"tracks": selectors.tracks_visible_to(request.scope)[:100]}
    )


# --- providers and the families' desk ------------------------------------------------------------------------------


@allowed_to("support.my_questions")
@require_GET
def my_questions(request):
    items = selectors.questions_visible_to(request.scope, request.user).order_by("-created_at")[:50]
    rows = [{"question": q, "token": services.follow_token(q)} for q in items]
    return render(request, "support/my_questions.html", {"rows": rows})


@allowed_to("support.signal")
@require_http_methods(["GET", "POST"])
def signal(request):
    from loket.supply.selectors import organisers_visible_to

    organisers = organisers_visible_to(request.scope).order_by("name")
    form = SignalForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        services.question_signal(
            organiser=form.cleaned_data["organiser"], reason=form.cleaned_data["reason"], actor=request.user
        )
        messages.success(request, _("Thank you. The support desk will contact this provider."))
        return redirect("support:signal")
    return render(request, "support/signal.html", {"form": form})


# --- events ----------------------------------------------------------------------------------------------------------


@require_GET
def events(request):
    return render(request, "support/events.html", {"events": selectors.upcoming_events()})


@require_http_methods(["GET", "POST"])
def event(request, pk):
    item = get_object_or_404(selectors.upcoming_events(), pk=pk)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    form = RegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        scope = scope_of(request.user)
        organiser = None
        if scope.organiser_ids or scope.location_organiser_ids:
            from loket.supply.models import Organiser

            organiser = Organiser.objects.filter(
                pk__in=scope.organiser_ids | scope.location_organiser_ids
            ).first()
        try:
            registration = services.registration_create(
                event=item,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organiser=organiser,
                actor=request.user,
            )
        except services.SupportError as error:
            messages.error(request, str(error))
            return redirect("support:event", pk)
        return redirect("support:registration", services.registration_token(registration))
    return render(
        request, "support/event.html", {"event": item, "form": form, "full": item.taken >= item.capacity}
    )


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


@require_GET
def event_ics(request, pk):
    item = get_object_or_404(Event, pk=pk)
    stamp = "%Y%m%dT%H%M%SZ"
    utc = UTC
    location = _ics_text(_("Online") if item.online else item.venue)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Loket//VoorZet//NL",
        "BEGIN:VEVENT",
        f"UID:voorzet-event-{item.pk}@loket",
        f"DTSTAMP:{timezone.now().astimezone(utc).strftime(stamp)}",
        f"DTSTART:{item.starts_at.astimezone(utc).strftime(stamp)}",
        f"DTEND:{item.ends_at.astimezone(utc).strftime(stamp)}",
        f"SUMMARY:{_ics_text(item.title)}",
        f"DESCRIPTION:{_ics_text(item.description)}",
        f"LOCATION:{location}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    response = HttpResponse("\r\n".join(lines) + "\r\n", content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="voorzet-{item.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def registration(request, token):
    item = services.registration_from_token(token)
    if item is None:
        raise Http404
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                services.registration_cancel(registration=item, actor=request.user)
                messages.success(request, _("Your registration is cancelled."))
            elif request.POST.get("action") == "claim":
                services.registration_claim(registration=item)
                messages.success(request, _("The place is yours."))
        except services.SupportError as error:
            messages.error(request, str(error))
        return redirect("support:registration", token)
    position = None
    if item.status == RegistrationStatus.WAITING:
        position = (
            item.event.registrations.filter(
                status=RegistrationStatus.WAITING, created_at__lte=item.created_at
            )
            .exclude(created_at=item.created_at, pk__gt=item.pk)
            .count()
        )
    return render(
        request,
        "support/registration.html",
        {"registration": item, "event": item.event, "position": position},
    )


@allowed_to("support.agent")
@require_GET
def events_manage(request):
    items = Event.objects.order_by("-starts_at").annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=HOLDS_A_PLACE)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )[:100]
    return render(request, "support/events_manage.html", {"events": items})


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def event_new(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save()
        if form.cleaned_data["repeat_count"] > 1:
            services.series_create(
                first=item,
                title=item.title,
                every_weeks=form.cleaned_data["every_weeks"],
                count=form.cleaned_data["repeat_count"],
            )
        messages.success(request, _("The event is saved."))
        return redirect("support:event_manage", item.pk)
    return render(request, "support/event_new.html", {"form": form})


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def event_manage(request, pk):
    item = get_object_or_404(Event, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("approve", "decline"):
            registration_item = get_object_or_404(
                Registration, pk=request.POST.get("registration"), event=item
            )
            services.registration_decide(
                registration=registration_item, approve=action == "approve", actor=request.user
            )
        elif action == "attendance":
            services.attendance_set(
                event=item, attended_ids=request.POST.getlist("attended"), actor=request.user
            )
            messages.success(request, _("Attendance is saved."))
        return redirect("support:event_manage", pk)
    return render(
        request,
        "support/event_manage.html",
        {
            "event": item,
            "registrations": item.registrations.select_related("organiser"),
            "taken": services.places_taken(item),
        },
    )


@allowed_to("support.agent")
@require_GET
def attendance_csv(request):
    rows = [[_("Organiser"), _("Event"), _("Date"), _("Registered"), _("Attended")]]
    for row in selectors.attendance_by_organiser():
        rows.append(
            [
                row["organiser__name"] or _("(no organiser)"),
                row["event__title"],
                timezone.localtime(row["event__starts_at"]).date(),
                row["registered"],
                row["attended"],
            ]
        )
    return csv_response(rows, filename="voorzet-aanwezigheid.csv")
