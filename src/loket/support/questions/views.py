"""The team's pages: the queue (search, filters, sorting, paging; mine, unassigned, overdue), a question with its
conversation, canned answers, files, assignment, tags, merging, routing and closing; the partner's queue and question;
canned answers and closing days; figures; providers' own questions and the families' desk's signal."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loket.accounts.policies import allowed_to
from loket.core.csvfile import csv_response
from loket.core.uploads import accepts_upload
from loket.supply.selectors import organisers_visible_to

from ..knowledge import selectors as knowledge
from ..models import CannedAnswer, Channel, ClosingDay, Outcome, Status, Theme
from ..starters.selectors import starters_counts
from . import selectors, services
from .forms import (
    AssignForm,
    CannedAnswerForm,
    CloseForm,
    ClosingDayForm,
    CoachingForm,
    LogQuestionForm,
    MergeForm,
    ReferForm,
    ReplyForm,
    SignalForm,
    TagsForm,
)
from .public_views import attachment_response

# --- the queue ---------------------------------------------------------------------------------------------------


@allowed_to("support.agent")
@require_GET
def queue(request):
    return render_queue(request)


def render_queue(request):
    """The team's queue, also the agent's home page (portal:support_home) with the counts that need attention."""
    filters = selectors.QueueFilter.from_query(request.GET)
    page = selectors.queue_page(request.scope, request.user, filters, page=request.GET.get("page", 1))
    counts = selectors.agent_counts(request.user)
    return render(
        request,
        "support/queue.html",
        {
            "page": page,
            "filters": filters,
            "counts": counts,
            "starters": starters_counts(),
            "views": [
                (value, label, filters.as_query(view=value), count)
                for value, label, count in (
                    ("open", _("All open"), counts["total"]),
                    ("mine", _("Mine"), counts["mine"]),
                    ("unassigned", _("Unassigned"), counts["unassigned"]),
                    ("overdue", _("Overdue"), counts["overdue"]),
                    ("closed", _("Closed"), None),
                )
            ],
            "statuses": Status.choices,
            "themes": Theme.choices,
            "channels": Channel.choices,
            "agents": AssignForm().fields["assignee"].queryset,
            "sorts": [
                ("due", _("Most urgent first")),
                ("newest", _("Newest first")),
                ("oldest", _("Oldest first")),
                ("activity", _("Latest activity first")),
            ],
        },
    )


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
@accepts_upload  # attachments
def log_question(request):
    form = LogQuestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        question = services.question_ask(
            **form.asked(),
            channel=data["channel"],
            organiser=data["organiser"],
            actor=request.user,
        )
        messages.success(request, _("The question is logged."))
        return redirect("support:question", question.pk)
    return render(request, "support/log_question.html", {"form": form})


# --- one question ------------------------------------------------------------------------------------------------


def _canned_initial(request, question):
    """?use=<id>: the reply box starts with that canned answer, its placeholders filled from the question."""
    use = request.GET.get("use", "")
    chosen = CannedAnswer.objects.filter(pk=use, retired=False).first() if use.isdigit() else None
    if chosen is None:
        return {}
    text, missing = services.canned_fill(chosen, question=question, agent=request.user)
    if missing:
        messages.warning(
            request,
            _("The question has no value for %(names)s: complete the text before sending.")
            % {"names": ", ".join(f"{{{n}}}" for n in missing)},
        )
    return {"body": text}


def _question_page(request, question, *, template: str, audience: str, extra: dict):
    partner = audience == "partner"
    now = timezone.now()
    form = ReplyForm(
        request.POST or None,
        request.FILES or None,
        partner=partner,
        initial={"seen_at": now.isoformat(), **_canned_initial(request, question)},
    )
    changed = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_answer(
                question=question,
                body=data["body"],
                visibility=data["visibility"],
                wait_for_asker=data["wait_for_asker"],
                attachments=data["attachments"],
                seen_at=None if data["send_anyway"] else data["seen_at"],
                actor=request.user,
            )
        except services.ChangedMeanwhile as error:
            changed = error.messages
            form = ReplyForm(
                {**request.POST.dict(), "seen_at": now.isoformat()}, partner=partner
            )  # what was typed stays; files must be chosen again
            form.is_valid()
        except services.SupportError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        else:
            messages.success(request, _("Your message is added."))
            return redirect(request.path)
    services.question_seen(question=question, user=request.user, at=now)
    selectors.mark_overdue([question], now)
    canned_query = request.GET.get("canned", "").strip()[:100]
    context = {
        "question": question,
        "thread": selectors.thread(question, audience=audience),
        "files": selectors.question_files(question),
        "form": form,
        "changed": changed,
        "others": selectors.others_working_on(question, request.user, now=now),
        "close_form": CloseForm(),
        "canned": list(selectors.canned_answers(canned_query)[:30]),
        "canned_query": canned_query,
        "outcomes": Outcome.choices,
        "suggested": knowledge.suggestions(f"{question.subject} {question.body}"),
        "audience": audience,
        **extra,
    }
    return render(request, template, context, status=409 if changed else 200)


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
@accepts_upload  # attachments
def question(request, pk):
    item = selectors.question_for(request.scope, pk)
    suggested_partner = services.suggest_partner(item)
    candidates = selectors.same_asker(item)
    return _question_page(
        request,
        item,
        template="support/question.html",
        audience="agent",
        extra={
            "refer_form": ReferForm(initial={"partner": suggested_partner}),
            "suggested_partner": suggested_partner,
            "assign_form": AssignForm(initial={"assignee": item.assignee_id}),
            "tags_form": TagsForm(initial={"tags": ", ".join(t.name for t in item.tags.all())}),
            "merge_form": MergeForm(candidates=candidates) if candidates else None,
            "context_panel": selectors.organiser_context(item.organiser),
            "attachment_url": "support:attachment",
            "attachment_key": item.pk,
        },
    )


@allowed_to("support.agent")
@require_GET
def presence(request, pk):
    """The htmx fragment polled on a question page: who else has it open, and what was written since."""
    item = selectors.question_for(request.scope, pk)
    services.question_seen(question=item, user=request.user)
    since = request.GET.get("since", "")
    from django.utils.dateparse import parse_datetime

    moment = parse_datetime(since)
    newer = list(item.messages.filter(created_at__gt=moment).exclude(author=request.user)) if moment else []
    return render(
        request,
        "support/_presence.html",
        {"others": selectors.others_working_on(item, request.user), "newer": newer, "question": item},
    )


@allowed_to("support.agent")
@require_GET
def attachment(request, pk, attachment_pk):
    item = selectors.question_for(request.scope, pk)
    return attachment_response(selectors.attachment_for(item, attachment_pk, audience="agent"))


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
                adviser=form.cleaned_data["adviser"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
            messages.success(
                request, _("Referred to %(partner)s.") % {"partner": form.cleaned_data["partner"].name}
            )
        except services.SupportError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("support:question", pk)


@allowed_to("support.agent")
@require_POST
def assign(request, pk):
    item = selectors.question_for(request.scope, pk)
    if request.POST.get("take") == "1":
        assignee = request.user
    else:
        form = AssignForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a support agent."))
            return redirect("support:question", pk)
        assignee = form.cleaned_data["assignee"]
    try:
        services.question_assign(question=item, assignee=assignee, actor=request.user)
    except services.SupportError as error:
        messages.error(request, str(error))
    else:
        if assignee is None:
            messages.success(request, _("Nobody has this question now."))
        else:
            messages.success(request, _("Assigned to %(name)s.") % {"name": assignee.get_full_name()})
    back = request.POST.get("next", "")
    if back.startswith(reverse("support:queue")) and url_has_allowed_host_and_scheme(
        back, allowed_hosts=None
    ):
        return redirect(back)
    return redirect("support:question", pk)


@allowed_to("support.agent")
@require_POST
def tags(request, pk):
    item = selectors.question_for(request.scope, pk)
    form = TagsForm(request.POST)
    if form.is_valid():
        from .services import tag_names

        services.question_set_tags(
            question=item, names=tag_names(form.cleaned_data["tags"]), actor=request.user
        )
        messages.success(request, _("The tags are saved."))
    return redirect("support:question", pk)


@allowed_to("support.agent")
@require_POST
def merge(request, pk):
    item = selectors.question_for(request.scope, pk)
    form = MergeForm(request.POST, candidates=selectors.same_asker(item))
    if not form.is_valid():
        messages.error(request, _("Choose the question to merge into."))
        return redirect("support:question", pk)
    try:
        target = services.question_merge(source=item, target=form.cleaned_data["into"], actor=request.user)
    except services.SupportError as error:
        messages.error(request, str(error))
        return redirect("support:question", pk)
    messages.success(request, _("The questions are merged into %(ref)s.") % {"ref": target.reference})
    return redirect("support:question", target.pk)


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


# --- canned answers and closing days -------------------------------------------------------------------------------


@allowed_to("support.agent")
@require_GET
def canned(request):
    query = request.GET.get("q", "").strip()[:100]
    retired = request.GET.get("retired") == "1"
    return render(
        request,
        "support/canned.html",
        {"items": selectors.canned_answers(query, include_retired=retired), "q": query, "retired": retired},
    )


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def canned_edit(request, pk=None):
    item = get_object_or_404(CannedAnswer, pk=pk) if pk else None
    form = CannedAnswerForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.canned_save(data=form.cleaned_data, actor=request.user, canned=item)
        messages.success(request, _("The canned answer is saved."))
        return redirect("support:canned")
    return render(request, "support/canned_edit.html", {"form": form, "item": item})


@allowed_to("support.agent")
@require_http_methods(["GET", "POST"])
def closing_days(request):
    form = ClosingDayForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            closing = get_object_or_404(ClosingDay, pk=request.POST.get("remove"))
            services.closing_day_remove(closing=closing, actor=request.user)
            messages.success(request, _("The closing day is removed."))
            return redirect("support:closing_days")
        if form.is_valid():
            services.closing_day_add(
                day=form.cleaned_data["day"], reason=form.cleaned_data["reason"], actor=request.user
            )
            messages.success(request, _("The closing day is added."))
            return redirect("support:closing_days")
    from ..business_time import flemish_holidays

    year = timezone.localdate().year
    holidays = sorted({**flemish_holidays(year), **flemish_holidays(year + 1)}.items())
    return render(
        request,
        "support/closing_days.html",
        {
            "form": form,
            "days": ClosingDay.objects.filter(day__gte=timezone.localdate()),
            "holidays": [(d, n) for d, n in holidays if d >= timezone.localdate()],
        },
    )


@allowed_to("support.agent")
@require_GET
def figures(request):
    data = selectors.figures()
    if request.GET.get("format") == "csv":
        return _figures_csv(data)
    return render(request, "support/figures.html", data)


def _figures_csv(data) -> HttpResponse:
    rows = [["figure", "group", "month", "value"]]
    for row in data["per_month"]:
        for (code, _label), n in zip(data["themes"], row["counts"], strict=True):
            rows.append(["questions", code, row["month"].strftime("%Y-%m"), n])
    rows.append(["first_answer_hours_median", "", "", data["hours_median"]])
    rows.append(["first_answer_hours_mean", "", "", data["hours_mean"]])
    rows.append(["closed_by_article_percent", "", "", data["article_share"]])
    rows.append(["suggested_article_opened", "", "", data["deflection"]["opened"]])
    rows.append(["deflected", "", "", data["deflection"]["deflected"]])
    rows += [["referrals", row["partner__name"], "", row["n"]] for row in data["referrals"]]
    rows += [
        ["event_fill_percent", event.title, event.starts_at.strftime("%Y-%m-%d"), event.fill_rate]
        for event in data["events"]
    ]
    return csv_response(rows, filename="voorzet-cijfers.csv")


# --- partners ----------------------------------------------------------------------------------------------------


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
        },
    )


def _partner_question(request, pk):
    item = selectors.question_for(request.scope, pk)
    if item.partner_id not in request.scope.partner_ids and not request.scope.is_superuser:
        raise Http404
    return item


@allowed_to("support.partner")
@require_http_methods(["GET", "POST"])
@accepts_upload  # attachments
def partner_question(request, pk):
    item = _partner_question(request, pk)
    return _question_page(
        request,
        item,
        template="support/partner_question.html",
        audience="partner",
        extra={
            "coaching_form": CoachingForm(),
            "attachment_url": "support:partner_attachment",
            "attachment_key": item.pk,
        },
    )


@allowed_to("support.partner")
@require_GET
def partner_attachment(request, pk, attachment_pk):
    item = _partner_question(request, pk)
    return attachment_response(selectors.attachment_for(item, attachment_pk, audience="partner"))


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
    organisers = organisers_visible_to(request.scope).order_by("name")
    form = SignalForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        services.question_signal(
            organiser=form.cleaned_data["organiser"], reason=form.cleaned_data["reason"], actor=request.user
        )
        messages.success(request, _("Thank you. The support desk will contact this provider."))
        return redirect("support:signal")
    return render(request, "support/signal.html", {"form": form})
