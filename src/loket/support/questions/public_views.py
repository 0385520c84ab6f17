"""Asking and following a question, without an account: the question form (articles suggested while typing, rate
limited, with a honeypot; a refused form keeps what was typed), the follow page behind a signed link, its files."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from loket.core.ratelimit import RateLimit, honeypot_filled, refused_message
from loket.core.uploads import accepts_upload

from ..knowledge import selectors as knowledge
from ..knowledge.services import deflection_asked_anyway, deflection_opened
from ..models import Status
from ..starters.selectors import starter_of
from . import selectors, services
from .forms import AskerReplyForm, AskForm

QUESTION_LIMIT = RateLimit("support.question", per_address=10, per_key=5, window=3600)
REPLY_LIMIT = RateLimit("support.reply", per_address=30, per_key=15, window=3600)
OPENED_KEY = (
    "support_suggested_opened"  # article ids opened from suggestions in this visit (no one is identified)
)


def _refuse(form, message: str) -> None:
    form.add_error(None, message)


def _typed(request) -> str:
    return f"{request.POST.get('subject', '')} {request.POST.get('body', '')}"[:2000]


@require_http_methods(["GET", "POST"])
@accepts_upload  # attachments
def ask(request):
    """Ask a question. Without JavaScript, 'Show matching articles' reloads the page with suggestions."""
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    form = AskForm(request.POST or None, request.FILES or None, initial=initial)
    suggestions = []
    if request.method == "POST":
        suggestions = knowledge.suggestions(_typed(request))
        if "suggest" not in request.POST:
            if honeypot_filled(request):
                _refuse(form, refused_message())
            elif form.is_valid():
                wait = QUESTION_LIMIT.attempt(request, key=form.cleaned_data["email"])
                if wait:
                    _refuse(form, QUESTION_LIMIT.message(wait))
                else:
                    return _ask_save(request, form)
    return render(request, "support/ask.html", {"form": form, "suggestions": suggestions})


def _ask_save(request, form):
    organiser = selectors.organiser_of(request.user)
    question = services.question_ask(
        **form.asked(),
        organiser=organiser,
        starter=starter_of(request.user),
        language=translation.get_language() or "nl",
        actor=request.user,
    )
    opened = request.session.pop(OPENED_KEY, [])
    if opened:
        deflection_asked_anyway(article_ids=opened)
    messages.success(
        request, _("Thank you. We have received your question and sent you a link to follow it.")
    )
    return redirect("support:follow", services.follow_token(question))


@require_GET
def suggestions(request):
    """The htmx fragment: matching articles while a person types."""
    text = f"{request.GET.get('subject', '')} {request.GET.get('body', '')}"[:2000]
    return render(request, "support/_suggestions.html", {"suggestions": knowledge.suggestions(text)})


@require_GET
def suggested_article(request, slug):
    """An article opened from the suggestions: counted once per visit for the deflection figures, then shown."""
    article = get_object_or_404(knowledge.published(), slug=slug)
    opened = request.session.get(OPENED_KEY, [])
    if article.pk not in opened:
        deflection_opened(article_id=article.pk)
        request.session[OPENED_KEY] = [*opened, article.pk][-20:]
    return redirect("support:article", slug)


def _followed(token):
    question = services.question_from_token(token)
    if question is None:
        raise Http404
    return question


@require_http_methods(["GET", "POST"])
@accepts_upload  # attachments
def follow(request, token):
    question = _followed(token)
    if question.merged_into_id:
        messages.info(
            request,
            _("This question was merged with your question %(ref)s: the conversation goes on there.")
            % {"ref": question.merged_into.reference},
        )
        return redirect("support:follow", services.follow_token(question.merged_into))
    form = AskerReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if "article" in request.POST:
            article = get_object_or_404(knowledge.published(), pk=request.POST.get("article"))
            services.question_solved_by_article(question=question, article=article, actor=request.user)
            messages.success(request, _("Glad it helped. Your question is closed."))
            return redirect("support:follow", token)
        if question.status != Status.CLOSED:
            if honeypot_filled(request):
                form.add_error(None, refused_message())
            elif form.is_valid():
                wait = REPLY_LIMIT.attempt(request, key=token)
                if wait:
                    form.add_error(None, REPLY_LIMIT.message(wait))
                else:
                    services.question_asker_reply(
                        question=question,
                        body=form.cleaned_data["body"],
                        attachments=form.cleaned_data["attachments"],
                        actor=request.user,
                    )
                    messages.success(request, _("Your reply has been sent."))
                    return redirect("support:follow", token)
    suggested = (
        knowledge.suggestions(f"{question.subject} {question.body}")
        if question.status != Status.CLOSED
        else []
    )
    return render(
        request,
        "support/follow.html",
        {
            "question": question,
            "thread": selectors.thread(question, audience="asker"),
            "files": selectors.question_files(question),
            "form": form,
            "suggested": suggested,
            "token": token,
            "attachment_url": "support:follow_attachment",
            "attachment_key": token,
        },
    )


@require_GET
def follow_attachment(request, token, pk):
    """A file of the conversation, for the asker: only public ones, only of this question."""
    return attachment_response(selectors.attachment_for(_followed(token), pk, audience="asker"))


def attachment_response(attachment):
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
