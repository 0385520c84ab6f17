"""The knowledge base's pages: search and browse by theme, an article with its sections, related articles, review
date and the "was this helpful?" question; editing for support agents and partners' advisers."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from loket.accounts.policies import allowed_to, scope_of
from loket.core.ratelimit import RateLimit

from ..models import Article, Theme
from . import selectors, services
from .forms import ArticleForm
from .markup import sections

VOTE_LIMIT = RateLimit("support.article_vote", per_address=60, per_key=0, window=3600)
VOTED_KEY = "support_voted"


@require_GET
def articles(request):
    query = request.GET.get("q", "").strip()[:200]
    theme = request.GET.get("theme", "")
    theme = theme if theme in Theme.values else ""
    scope = scope_of(request.user)
    return render(
        request,
        "support/articles.html",
        {
            "articles": selectors.articles_list(query=query, theme=theme),
            "q": query,
            "theme": theme,
            "themes": Theme.choices,
            "may_edit": scope.may("support.edit_articles"),
            "due_for_review": selectors.due_for_review()[:20] if scope.may("support.edit_articles") else [],
        },
    )


@require_http_methods(["GET", "POST"])
def article(request, slug):
    item = get_object_or_404(selectors.published(), slug=slug)
    if request.method == "POST":
        voted = set(request.session.get(VOTED_KEY, []))
        helpful = request.POST.get("helpful") == "1"
        if item.pk not in voted and not VOTE_LIMIT.attempt(request):
            services.article_vote(article=item, helpful=helpful)
            request.session[VOTED_KEY] = sorted(voted | {item.pk})[-100:]
        if helpful:
            messages.success(request, _("Thank you for letting us know."))
            return redirect("support:article", slug)
        messages.info(request, _("Thank you. Ask us your question: we answer it ourselves."))
        return redirect("support:ask")
    english = (translation.get_language() or "nl") != "nl" and item.title_en and item.body_en
    return render(
        request,
        "support/article.html",
        {
            "article": item,
            "title": item.title_en if english else item.title_nl,
            "summary": item.summary_en if english else item.summary_nl,
            "sections": sections(item.body_en if english else item.body_nl),
            "related": selectors.related_articles(item),
            "voted": item.pk in set(request.session.get(VOTED_KEY, [])),
            "may_edit": scope_of(request.user).may("support.edit_articles"),
        },
    )


@allowed_to("support.edit_articles")
@require_http_methods(["GET", "POST"])
def article_edit(request, slug=None):
    item = get_object_or_404(Article, slug=slug) if slug else None
    form = ArticleForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "slug": item.slug if item else form.cleaned_data["slug"]}
        saved = services.article_save(data=data, actor=request.user, article=item)
        messages.success(request, _("The article is saved (version %(n)s).") % {"n": saved.version})
        return redirect("support:article_edit", saved.slug)
    versions = item.versions.select_related("edited_by")[:20] if item else []
    return render(request, "support/article_edit.html", {"form": form, "article": item, "versions": versions})
