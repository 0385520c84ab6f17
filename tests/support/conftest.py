"""Builders for the support desk's tests."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from loket.support.models import Event
from loket.support.services import article_save


@pytest.fixture(autouse=True)
def media_and_limits(settings, tmp_path):
    """Files go to a temporary folder (no test leaves files behind); rate-limit counts start at zero."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def make_article(*, slug: str, title: str, body: str, theme: str = "entrepreneurship", tags: str = "", **kw):
    return article_save(
        data={
            "slug": slug,
            "theme": theme,
            "tags": tags,
            "title_nl": title,
            "body_nl": body,
            "published": True,
            **kw,
        },
        actor=None,
    )


def make_event(**kw) -> Event:
    start = kw.pop("starts_at", timezone.now() + timedelta(days=10))
    kw.setdefault("title", "Netwerkmoment kinderbegeleiders")
    kw.setdefault("capacity", 10)
    kw.setdefault("venue", "Zaal De Leie, Deinze")
    kw.setdefault("province", "VOV")
    return Event.objects.create(starts_at=start, ends_at=start + timedelta(hours=2), **kw)


@pytest.fixture
def deliver_mail(django_capture_on_commit_callbacks):
    """Run the outbox's delivery (the task queue) for what a block writes."""
    return django_capture_on_commit_callbacks(execute=True)
