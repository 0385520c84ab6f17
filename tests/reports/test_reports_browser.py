"""The dashboard as a person uses it: no axe-core violation, the filters work from the keyboard without
JavaScript, nothing overflows at 320 px (wide tables scroll inside their own focusable region)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from reports_world import PERIOD

from loket.testing.browser import sign_in
from loket.testing.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
QUERY = "?" + "&".join(f"{k}={v}" for k, v in PERIOD.items())


def _violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]


def test_dashboard_has_no_axe_violations_and_filters_by_keyboard(page, live_server, world, viewer_a):
    sign_in(page, live_server, viewer_a.email, DEFAULT_PASSWORD)
    page.goto(live_server.url + "/rapporten/" + QUERY)
    assert page.locator("svg.loket-chart__svg").count() == 4
    key_figures = page.locator("section", has=page.locator("#section-key_figures"))
    first_row = key_figures.locator("tbody tr").first
    assert first_row.locator("th").inner_text() == "Aanvragen ingeschreven in de periode"
    assert first_row.locator("td").inner_text() == "6"
    assert _violations(page) == []
    neighbourhood = page.locator("#id_neighbourhood")
    assert "wijk" in page.locator("label[for=id_neighbourhood]").inner_text().lower()
    neighbourhood.select_option(value=str(world.n2.pk))
    page.get_by_role("button", name="Toon de cijfers").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**neighbourhood=*")
    assert first_row.locator("td").inner_text() == "3"  # the three requests from Schaarbeek
    page.goto(live_server.url + "/cijfers/")
    assert _violations(page) == []
    page.goto(live_server.url + "/rapporten/tabel/trend/" + QUERY)
    assert page.locator("tfoot th").inner_text() == "Totaal"
    assert _violations(page) == []


def test_dashboard_reflows_at_320_pixels(phone_page, live_server, world, viewer_a):
    sign_in(phone_page, live_server, viewer_a.email, DEFAULT_PASSWORD)
    for path in (
        "/rapporten/" + QUERY,
        "/rapporten/tabel/areas_neighbourhood/" + QUERY,
        "/rapporten/agentschap/?year=2026",
        "/rapporten/jaarrapport/",
    ):
        phone_page.goto(live_server.url + path)
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
