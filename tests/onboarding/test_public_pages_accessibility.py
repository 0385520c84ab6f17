"""The desk's public page, the statements and the onboarding pages have zero axe-core violations (WCAG 2.1 AA), also in
Arabic (right to left), and reflow at 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from locations_csv import csv_text

from loket.accounts.choices import Role
from loket.testing.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def problems(page, label: str) -> list[str]:
    found = [
        f"{label}: {v['id']} {v['help']} {v['nodes'][0]['target']}"
        for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]
    ]
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 720})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size(size)
    if overflow > 0:
        found.append(f"{label}: {overflow} px too wide at 320 px")
    return found


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_desks_public_pages_and_statements(page, live_server, new_desk, language):
    page.goto(f"{live_server.url}/lokaal-loket/{new_desk.slug}/")
    if language != "nl":
        page.locator(f'.loket-language button[value="{language}"]').click()
        page.wait_for_load_state()
    found = problems(page, "desk page")
    for path in ("/toegankelijkheid/", "/privacy/", "/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.lang") == language
        found += problems(page, path)
    assert found == []


def test_the_onboarding_pages(page, live_server, new_desk):
    agency = make_user(Role.POLICY_VIEWER, email="agency-axe@example.org")
    page.context.add_cookies(_session_cookie(live_server, agency))
    found = []
    for path in (
        "/loketten/",
        "/loketten/nieuw/",
        f"/loketten/{new_desk.slug}/",
        f"/loketten/{new_desk.slug}/teksten/",
        f"/loketten/{new_desk.slug}/huisstijl/",
        f"/loketten/{new_desk.slug}/wijken/",
        f"/loketten/{new_desk.slug}/beheerder/",
        f"/loketten/{new_desk.slug}/locaties/",
    ):
        page.goto(live_server.url + path)
        found += problems(page, path)
    page.get_by_label("CSV-bestand").set_input_files(
        {"name": "l.csv", "mimeType": "text/csv", "buffer": csv_text(bad=True).encode()}
    )
    page.get_by_role("button", name="Controleer het bestand").click()
    page.locator("#dry-run").wait_for()
    found += problems(page, "dry run")
    assert found == []


def _session_cookie(live_server, user) -> list[dict]:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }
    ]
