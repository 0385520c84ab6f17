"""Fixtures shared by the whole suite."""

import os

import pytest

from loket.testing.browser import CHROMIUM_ARGS, chromium_path

# Playwright's sync API runs an event loop in the main thread; Django refuses ORM calls from a thread that has
# one unless told this is deliberate. Only tests do this, and each test's database access stays synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
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
