"""A provider in the browser: signs in, opens a location, declares free places, and finds them in the list and in
the capacity view; the pages pass axe-core and reflow at 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from loket.accounts.choices import Role
from loket.supply.models import Opening
from loket.testing.browser import sign_in
from loket.testing.factories import (
    DEFAULT_PASSWORD,
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_organiser,
    make_request,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]


@pytest.fixture
def provider(live_server):
    desk = make_desk(name="Deinze-Zulte")
    organiser = make_organiser(name="Stad Deinze – Kinderopvang")
    location = make_location(organiser, make_municipality(desk), name="Kinderdagverblijf De Pagadder")
    make_location(make_organiser(name="Vzw Anders"), make_municipality(desk), name="Kinderdagverblijf Elders")
    make_request(make_family(desk), locations=[location], work=True)
    user = make_user(Role.PROVIDER_STAFF, organiser=organiser, email="aanbieder@loket.demo")
    return user, location


def test_a_provider_declares_a_free_place_and_sees_it_in_the_capacity_view(page, live_server, provider):
    user, location = provider
    sign_in(page, live_server, user.email, DEFAULT_PASSWORD)
    page.goto(live_server.url + "/aanbieder/")
    assert "Kinderdagverblijf Elders" not in page.content()
    page.get_by_role("link", name="Kinderdagverblijf De Pagadder").click()
    assert _violations(page) == [], "location"
    page.get_by_role("link", name="Vrije plaatsen melden").click()
    assert _violations(page) == [], "declare form"

    # A mistake first: no days chosen. The error summary names it and links to the field.
    page.get_by_label("Woensdag").uncheck()
    for day in ("Maandag", "Dinsdag", "Donderdag", "Vrijdag"):
        page.get_by_label(day).uncheck()
    page.get_by_role("button", name="Melden", exact=True).click()
    assert page.locator("[data-error-summary]").is_visible()
    assert _violations(page) == [], "declare form with errors"

    start = page.get_by_label("Startmaand")
    start.select_option(index=3)
    month_label = start.locator("option:checked").inner_text()
    for day in ("Maandag", "Dinsdag", "Donderdag"):
        page.get_by_label(day).check()
    page.get_by_label("Aantal plaatsen").fill("2")
    page.get_by_role("button", name="Melden", exact=True).click()

    assert "De vrije plaatsen zijn gemeld" in page.content()
    opening = Opening.objects.get(location=location)
    assert opening.count == 2 and opening.weekdays == (1, 2, 4)
    places = page.locator("table", has_text="Startmaand").first
    assert month_label in places.inner_text()
    capacity_row = page.locator("#capacity-table tbody tr").nth(3)
    assert month_label in capacity_row.inner_text()
    assert capacity_row.locator("td").nth(3).inner_text() == "2"  # declared free from that month
    assert page.locator("svg.loket-chart__svg rect").count() > 0

    page.get_by_role("link", name="Aanvragen").first.click()
    assert "Werk" in page.locator("#requests-table").inner_text()
    assert _violations(page) == [], "requests"


def test_the_location_page_reflows_at_320_pixels(phone_page, live_server, provider):
    user, location = provider
    sign_in(phone_page, live_server, user.email, DEFAULT_PASSWORD)
    for path in (
        f"/aanbieder/locaties/{location.pk}/",
        f"/aanbieder/locaties/{location.pk}/vrije-plaatsen/nieuw/",
    ):
        phone_page.goto(live_server.url + path)
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
