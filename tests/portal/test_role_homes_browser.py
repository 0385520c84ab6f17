"""Each role's home in a real browser, on the demo data: the work waiting is one click away (a provider reaches the
proposals to confirm, a partner a routed support question, by clicking only), the home passes axe-core at 1280 px and
reflows at 360 px without sideways scrolling.

The screenshots (360 and 1280 px) are taken on every run; `make screens` (LOKET_SCREENSHOTS=1) writes them to
docs/screens/portal-home-<account>-<width>.png."""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from loket.demo.build import DEMO_ACCOUNTS, DEMO_PASSWORD
from loket.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]


@pytest.fixture
def demo(live_server):
    call_command("load_demo", "--today=2026-11-23", stdout=io.StringIO())


def _signed_in_page(browser, live_server, email: str, width: int):
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, live_server, email, DEMO_PASSWORD)  # lands on the person's home
    page.wait_for_load_state()
    return context, page


def test_each_roles_home_leads_to_its_work_by_clicking_with_screenshots(browser, live_server, demo, tmp_path):
    screens = SCREENS if os.environ.get("LOKET_SCREENSHOTS") else tmp_path
    screens.mkdir(parents=True, exist_ok=True)
    problems = {}
    for account in DEMO_ACCOUNTS:
        name = account.email.split("@")[0]
        for width in (360, 1280):
            context, page = _signed_in_page(browser, live_server, account.email, width)
            assert page.url.rstrip("/") != live_server.url + "/account/aanmelden", account.email
            if width == 360:
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    problems[f"{name}-360"] = f"{overflow} px sideways scrolling"
            else:
                found = violations(page)
                if found:
                    problems[f"{name}-1280"] = found
            page.screenshot(path=screens / f"portal-home-{name}-{width}.png", full_page=True)
            context.close()
    assert problems == {}

    # A provider: from the home to the proposals waiting for confirmation, by the tile and by the menu.
    context, page = _signed_in_page(browser, live_server, "aanbieder@loket.demo", 1280)
    page.get_by_role("link", name="Voorstellen om te bevestigen").click()
    assert page.get_by_role("heading", name="Voorstellen om te bevestigen").is_visible()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Ondersteuning (VoorZet)"
    ).click()
    assert "/voorzet/mijn-vragen/" in page.url
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Voorstellen").click()
    assert "/rondes/voorstellen/" in page.url
    context.close()

    # A partner: from the home to a support question routed to their organisation.
    context, page = _signed_in_page(browser, live_server, "partner@loket.demo", 1280)
    page.get_by_role("link", name="Ondersteuningsvragen aan u doorgestuurd").click()
    assert "/voorzet/partner/" in page.url
    page.locator("main a[href*='/voorzet/partner/vragen/']").first.click()
    assert "/voorzet/partner/vragen/" in page.url
    context.close()
