"""Reads of the knowledge base: published articles, the search that suggests articles for a typed question (the
Dutch search shared with the social map), related articles and the deflection figures."""

from datetime import timedelta

from django.db.models import Q, Sum
from django.utils import timezone

from loket.core.search import rank_any

from ..models import Article, DeflectionCount

MIN_SUGGEST_CHARS = 4
REVIEW_AFTER = timedelta(days=365)
# PostgreSQL's own `dutch` full-text search looks in these too (loket.core.search).
SEARCHED_ON_POSTGRESQL = (
    ("title_nl", "A"),
    ("title_en", "A"),
    ("tags", "B"),
    ("summary_nl", "B"),
    ("body_nl", "C"),
    ("body_en", "C"),
)


def published():
    return Article.objects.filter(published=True)


def search_articles(queryset, query: str, *, limit: int = 5) -> list[Article]:
    """The articles of `queryset` that share words with `query` (a whole typed question), best first."""
    return rank_any(
        queryset,
        query,
        title_fields=("title_nl", "title_en", "tags"),
        pg_fields=SEARCHED_ON_POSTGRESQL,
        limit=limit,
        tie_breaker="helpful_count",
    )


def suggestions(text: str, *, limit: int = 5) -> list[Article]:
    text = (text or "").strip()
    return search_articles(published(), text, limit=limit) if len(text) >= MIN_SUGGEST_CHARS else []


def articles_list(*, query: str = "", theme: str = ""):
    """The knowledge base's list page: every word must match (a search box), or one theme."""
    articles = published()
    if theme:
        articles = articles.filter(theme=theme)
    if query:
        found = search_articles(articles, query, limit=30)
        return found
    return list(articles.order_by("title_nl"))


def related_articles(article: Article, *, limit: int = 4) -> list[Article]:
    """The related articles an editor chose; else those of the same theme sharing a tag."""
    chosen = list(article.related.filter(published=True).order_by("title_nl")[:limit])
    if chosen:
        return chosen
    tags = Q()
    for tag in article.tag_list:
        tags |= Q(tags__icontains=tag)
    if not article.tag_list:
        return []
    return list(published().filter(theme=article.theme).filter(tags).exclude(pk=article.pk)[:limit])


def due_for_review(*, today=None):
    today = today or timezone.localdate()
    return Article.objects.filter(Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=today - REVIEW_AFTER))


def deflection(*, since) -> dict:
    """Visits that opened a suggested article, and how many of them sent no question: the deflected ones."""
    rows = list(
        DeflectionCount.objects.filter(day__gte=since)
        .values("article__title_nl", "article__slug")
        .annotate(opened=Sum("opened"), asked=Sum("asked_anyway"))
        .order_by("-opened")
    )
    for row in rows:
        row["deflected"] = max(0, row["opened"] - row["asked"])
    opened = sum(r["opened"] for r in rows)
    deflected = sum(r["deflected"] for r in rows)
    return {
        "rows": rows[:10],
        "opened": opened,
        "deflected": deflected,
        "share": round(100 * deflected / opened) if opened else None,
    }
