"""The loop in a real browser: the provider declares a free place, the desk prepares, runs and publishes a round, the
provider confirms, the family accepts (on a phone), the provider records the start; the family's status, the enrolled
count and the provider's capacity view follow. The round and offer pages pass axe-core."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from loket.allocation.models import Offer, Placement
from loket.core.models import OutgoingMail
from loket.demand.lifecycle import Status
from loket.demand.models import ChildcareRequest
from loket.supply.models import Location, Opening
from loket.testing.browser import sign_in
from loket.testing.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]


def _sign_out(page):
    page.context.clear_cookies()


def _capacity_row(page, live_server, location, month_label: str) -> list[str]:
    page.goto(f"{live_server.url}/aanbieder/locaties/{location.pk}/")
    row = page.locator("#capacity-table tbody tr", has=page.get_by_role("rowheader", name=month_label))
    return row.locator("td").all_inner_texts()


def test_the_allocation_loop_in_the_browser(page, phone_page, live_server, world):
    # The provider declares the free place of Alfa itself, in its portal.
    world.opening_a.delete()
    sign_in(page, live_server, world.provider_a.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/aanbieder/locaties/{world.location_a.pk}/vrije-plaatsen/nieuw/")
    page.get_by_label("Startmaand").select_option(value="2027-03-01")
    page.get_by_label("Aantal plaatsen").fill("1")
    page.get_by_role("button", name="Melden", exact=True).click()
    page.get_by_text("De vrije plaatsen zijn gemeld").wait_for()
    assert Opening.objects.filter(location=world.location_a, start_month=date(2027, 3, 1), count=1).exists()
    _licensed, enrolled_before, promised, declared = _capacity_row(
        page, live_server, world.location_a, "maart 2027"
    )
    assert (promised, declared) == ("0", "1")
    _sign_out(page)

    sign_in(page, live_server, world.worker.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/rondes/")
    assert _violations(page) == [], "rounds"
    page.get_by_label("Datum van de ronde").fill("2026-11-23")
    page.get_by_role("button", name="Voorbereiden").click()
    page.get_by_role("heading", name="Voorbeeld: wat elke methode zou geven").wait_for()
    assert _violations(page) == [], "prepared round"
    page.get_by_role("button", name="Ronde uitvoeren").click()
    page.get_by_text("Het resultaat is geldig en stabiel").wait_for()
    page.get_by_role("button", name="Voorstellen publiceren").click()
    page.get_by_text("Deze ronde is gepubliceerd.").wait_for()
    assert world.family.reference in page.content()

    _sign_out(page)
    sign_in(page, live_server, world.provider_a.email, DEFAULT_PASSWORD)
    # Signed in, the provider is on its home: one click leads to the proposal waiting for it.
    page.get_by_role("link", name="Voorstellen om te bevestigen").click()
    page.get_by_role("heading", name="Voorstellen om te bevestigen").wait_for()
    assert "Kinderdagverblijf Beta" not in page.content()
    assert _violations(page) == [], "proposals"
    page.get_by_role("button", name="Bevestigen: de plaats aanbieden").click()
    page.get_by_text("Bevestigd: het gezin krijgt het aanbod.").wait_for()
    offer = Offer.objects.get(request=world.request)
    # While the offer is open, the place counts as promised in the capacity view.
    assert _capacity_row(page, live_server, world.location_a, "maart 2027")[2] == "1"

    # The family follows the offer mail's button: a one-time sign-in link that lands on the offer.
    phone = phone_page
    guardian = world.family.guardians.order_by("-is_primary", "pk").first()
    mail = next(m for m in OutgoingMail.objects.order_by("-pk") if guardian.email in m.to)
    link = re.search(r"https?://\S+/gezin/aanmelden/link/\S+", mail.body).group(0)
    phone.goto(link)
    # The link asks for one click (a mail scanner that opens links does not use them up), then lands on the offer.
    phone.get_by_role("button", name="Aanmelden bij mijn aanvragen").click()
    phone.get_by_role("button", name="Deze plaats aanvaarden").wait_for()
    assert phone.url.endswith(f"/gezin/aanbod/{offer.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    assert _violations(phone) == [], "offer"
    phone.get_by_role("button", name="Deze plaats aanvaarden").click()
    phone.get_by_text("U hebt de plaats aanvaard.").wait_for()
    assert ChildcareRequest.objects.get(pk=world.request.pk).status == Status.ACCEPTED

    enrolled = Location.objects.get(pk=world.location_a.pk).enrolled_total
    # Back on the provider's home, the start to record is waiting: one click leads to it.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn locaties").click()
    page.get_by_role("link", name="Contractstarts te registreren").click()
    page.get_by_role("textbox", name="Start van het contract").fill("2027-03-01")
    page.get_by_role("button", name="Plaatsing registreren").click()
    page.get_by_text("De plaatsing is geregistreerd").wait_for()
    assert Placement.objects.get(offer=offer).contract_start == date(2027, 3, 1)
    assert Location.objects.get(pk=world.location_a.pk).enrolled_total == enrolled + 1
    assert ChildcareRequest.objects.get(pk=world.request.pk).status == Status.PLACED

    phone.goto(f"{live_server.url}/gezin/")
    assert "Geplaatst" in phone.content()

    # The provider's capacity view counts the child as enrolled from its start.
    row = _capacity_row(page, live_server, world.location_a, "maart 2027")
    assert int(row[1]) == int(enrolled_before) + 1, row
