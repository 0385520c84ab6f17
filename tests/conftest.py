"""Fixtures shared by the whole suite."""

import os

import pytest

from loket.testing.browser import CHROMIUM_ARGS, chromium_path
from loket.testing.html_check import PageCollector

# Playwright's sync API runs an event loop in the main thread; Django refuses ORM calls from a thread that has
# one unless told this is deliberate. Only tests do this, and each test's database access stays synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _dutch_to_start_with():
    """Each test starts in the site's language: a parent's sign-in switches the thread to the parent's language (as
    the request that follows needs), which would otherwise carry over into the next test in random order."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache; each test starts with none counted (the suite sends many forms from one address)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked `last` run after all others, whatever the order (random or not): they judge what the others did."""
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)


@pytest.fixture(scope="session")
def visited_pages(tmp_path_factory) -> PageCollector:
    """Every HTML page the browser tests received, for the HTML checker (tests/browser/test_html_validity.py)."""
    return PageCollector(tmp_path_factory.mktemp("visited-pages"))


@pytest.fixture(scope="session")
def browser(visited_pages):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        new_context = browser.new_context

        def new_watched_context(*args, **kwargs):
            context = new_context(*args, **kwargs)
            visited_pages.watch(context)
            return context

        browser.new_context = new_watched_context
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    """A narrow screen (320 px, WCAG reflow) for the pages families use on a phone."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 320, "height": 720}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def public_url_is_the_live_server(request):
    """Links in e-mails start with LOKET_PUBLIC_URL: in a browser test that is the live server, so the browser can
    follow them (elsewhere the test client's host, see loket.conf.test)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.LOKET_PUBLIC_URL = request.getfixturevalue("live_server").url
    yield
