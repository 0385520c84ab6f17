"""The shared layout and the core family pages, as a person uses them: axe-core finds no WCAG violation in Dutch or
Arabic, the skip link works from the keyboard, nothing overflows at 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from loket.testing.browser import sign_in
from loket.testing.factories import DEFAULT_PASSWORD, make_family, make_request, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]


def _choose_language(page, code: str) -> None:
    page.locator(f'.loket-language button[value="{code}"]').click()


@pytest.fixture
def parent(live_server):
    user = make_user()
    make_request(make_family(user=user), first_name="Mila")
    return user


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_core_family_pages_have_no_axe_violations(page, live_server, parent, language):
    page.goto(live_server.url + "/")
    if language != "nl":
        _choose_language(page, language)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert _violations(page) == [], "home"
    page.goto(live_server.url + "/account/aanmelden/")
    assert _violations(page) == [], "sign in"
    page.goto(live_server.url + "/account/wachtwoord-vergeten/")
    assert _violations(page) == [], "password reset"
    sign_in(page, live_server, parent.email, DEFAULT_PASSWORD) if language == "nl" else _sign_in_any_language(
        page, live_server, parent.email
    )
    page.goto(live_server.url + "/gezin/")
    assert "Mila" in page.content()
    assert _violations(page) == [], "my requests"
    page.goto(live_server.url + "/gezin/mijn-gegevens/")
    assert _violations(page) == [], "my data"


def _sign_in_any_language(page, live_server, email):
    page.goto(live_server.url + "/account/aanmelden/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").last.click()


def test_error_summary_links_to_the_field_and_the_skip_link_works_by_keyboard(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".loket-skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(live_server.url + "/account/aanmelden/")
    page.locator("#id_username").fill("niemand@example.org")
    page.locator("#id_password").fill("fout")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    summary = page.locator("[data-error-summary]")
    assert "Er is een probleem" in summary.inner_text()
    assert _violations(page) == []


def test_pages_reflow_at_320_pixels(phone_page, live_server):
    for path in ("/", "/account/aanmelden/"):
        phone_page.goto(live_server.url + path)
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
