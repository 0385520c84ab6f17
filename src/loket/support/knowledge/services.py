"""Writes of the knowledge base: articles (every saved state a numbered version), readers' votes, and the deflection
counts (a suggested article opened, a question asked anyway), kept per day without anything about the reader."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from loket.audit.services import audit_record
from loket.core.search import tokens_of

from ..models import Article, ArticleVersion, DeflectionCount

ARTICLE_FIELDS = ("theme", "tags", "title_nl", "summary_nl", "body_nl", "title_en", "summary_en", "body_en")


@transaction.atomic
def article_save(*, data: dict, actor, article: Article | None = None, at=None) -> Article:
    """Create or edit an article; every saved state is kept as a numbered version. `reviewed` (a date, or True for
    today) records that someone checked the article is still right; `related` sets the related articles."""
    now = at or timezone.now()
    if article is None:
        article = Article(slug=data["slug"], version=0)
    else:
        article = Article.objects.select_for_update().get(pk=article.pk)
    for field in ARTICLE_FIELDS:
        if field in data:
            setattr(article, field, data[field] or "")
    if "published" in data:
        article.published = bool(data["published"])
    reviewed = data.get("reviewed")
    if reviewed:
        article.reviewed_on = timezone.localdate(now) if reviewed is True else reviewed
    elif article.reviewed_on is None:
        article.reviewed_on = timezone.localdate(now)
    article.version += 1
    article.updated_at = now
    article.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    article.search_tokens = tokens_of(
        article.title_nl,
        article.summary_nl,
        article.body_nl,
        article.title_en,
        article.summary_en,
        article.body_en,
        article.tags,
    )
    article.save()
    if "related" in data:
        article.related.set([a for a in data["related"] if a.pk != article.pk])
    ArticleVersion.objects.create(
        article=article,
        version=article.version,
        edited_at=now,
        edited_by=article.updated_by,
        **{field: getattr(article, field) for field in ARTICLE_FIELDS},
    )
    audit_record(actor=actor, event="support_article.saved", obj=article, version=article.version)
    return article


def article_vote(*, article: Article, helpful: bool) -> None:
    field = "helpful_count" if helpful else "not_helpful_count"
    Article.objects.filter(pk=article.pk).update(**{field: F(field) + 1})


def _count(article_id: int, field: str, day) -> None:
    updated = DeflectionCount.objects.filter(day=day, article_id=article_id).update(**{field: F(field) + 1})
    if not updated:
        try:
            with transaction.atomic():
                DeflectionCount.objects.create(day=day, article_id=article_id, **{field: 1})
        except IntegrityError:  # created by a parallel request meanwhile
            DeflectionCount.objects.filter(day=day, article_id=article_id).update(**{field: F(field) + 1})


def deflection_opened(*, article_id: int, at=None) -> None:
    """A visitor opened an article suggested while asking a question (counted once per article and visit)."""
    _count(article_id, "opened", timezone.localdate(at or timezone.now()))


def deflection_asked_anyway(*, article_ids, at=None) -> None:
    """The visitor sent the question after all: the suggestions they opened did not answer it."""
    day = timezone.localdate(at or timezone.now())
    for article_id in article_ids:
        _count(article_id, "asked_anyway", day)
