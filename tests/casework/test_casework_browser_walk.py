"""The Done-when walk in a real browser, in Dutch: an urgent request arrives and comes first in the urgent queue, the
desk worker calls the family (contact logged), refers it to a partner with consent, the partner accepts and closes
the referral, and the case timeline shows all of it. Each page passes axe-core and reflows at 320 px."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from loket.accounts.choices import Role
from loket.demand.services import request_set_urgency
from loket.network.choices import Need
from loket.testing.browser import sign_in
from loket.testing.factories import (
    DEFAULT_PASSWORD,
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_partner,
    make_request,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]


def _no_overflow_at_320(browser, storage_state, url):
    context = browser.new_context(
        locale="nl-BE", viewport={"width": 320, "height": 720}, storage_state=storage_state
    )
    narrow = context.new_page()
    narrow.goto(url)
    overflow = narrow.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    return overflow <= 0


@pytest.fixture
def scene(live_server):
    desk = make_desk(name="Loket Deinze-Zulte")
    location = make_location(municipality=make_municipality(desk))
    partner = make_partner(desk, name="Sociaal Huis Deinze")
    partner.need_codes = [Need.FINANCIAL]
    partner.save()
    worker = make_user(Role.DESK_WORKER, desk=desk, email="balie@example.org")
    adviser = make_user(Role.PARTNER_ADVISER, partner=partner, email="partner@example.org")
    earlier = make_request(
        make_family(desk),
        locations=[location],
        start_earliest=date(2027, 9, 1),
        start_latest=date(2027, 10, 1),
    )
    request_set_urgency(request=earlier, urgent=True, reason="Eerder dringend", actor=worker)
    # The urgent request arrives: registered by phone, marked urgent by a colleague at once.
    family = make_family(desk)
    arriving = make_request(
        family,
        locations=[location],
        first_name="Yasmina",
        start_earliest=date(2027, 1, 1),
        start_latest=date(2027, 2, 1),
    )
    request_set_urgency(
        request=arriving, urgent=True, reason="Moeder start opleiding binnen twee weken", actor=None
    )
    return {"family": family, "earlier": earlier, "worker": worker, "adviser": adviser, "partner": partner}


def test_urgent_request_contact_referral_and_timeline(browser, page, live_server, scene):
    reference = scene["family"].reference
    sign_in(page, live_server, scene["worker"].email, DEFAULT_PASSWORD)
    page.goto(live_server.url + "/loket/")
    page.get_by_role("link", name="Dringende aanvragen").click()
    first_row = page.locator("table tbody tr").first
    assert reference in first_row.inner_text()
    assert scene["earlier"].child.family.reference in page.locator("table tbody tr").nth(1).inner_text()
    assert _violations(page) == [], "urgent queue"
    first_row.get_by_role("link", name=reference).click()
    assert "Moeder start opleiding binnen twee weken" in page.content()
    assert _violations(page) == [], "case"

    # The worker calls the family.
    page.get_by_role("link", name="Contactmoment noteren").click()
    page.get_by_label("Soort contact").select_option("phone")
    page.get_by_label("Wat werd gezegd of afgesproken").fill("Gebeld: moeder zoekt ook hulp bij haar budget")
    assert _violations(page) == [], "contact form"
    page.get_by_role("button", name="Contact bewaren").click()
    assert "Bewaard." in page.content()

    # Refers to a partner, with the family's consent; the form refuses without it.
    page.get_by_role("link", name="Doorverwijzen naar een partner").click()
    page.get_by_label("Partnerorganisatie").select_option(label="Sociaal Huis Deinze")
    page.get_by_label("Hulpvraag").select_option("financial")
    page.get_by_label("Bericht voor de partner").fill("Moeder wil hulp bij haar budget; bel na 16 uur.")
    page.get_by_role("button", name="Doorverwijzing versturen").click()
    assert "Er is een probleem" in page.locator("[data-error-summary]").inner_text()
    page.get_by_label("Het gezin gaat akkoord met deze doorverwijzing").check()
    page.get_by_label("Hoe het gezin toestemming gaf").fill("Telefonisch, aan de moeder")
    page.get_by_role("button", name="Doorverwijzing versturen").click()
    assert "Verstuurd, wacht op de partner" in page.content()
    worker_state = page.context.storage_state()

    # The partner adviser accepts and closes it.
    partner_context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    partner_page = partner_context.new_page()
    partner_page.set_default_timeout(10_000)
    sign_in(partner_page, live_server, scene["adviser"].email, DEFAULT_PASSWORD)
    partner_page.goto(live_server.url + "/loket/partner/doorverwijzingen/")
    assert _violations(partner_page) == [], "partner referrals"
    partner_page.locator("table tbody tr").first.get_by_role("link").click()
    body = partner_page.content()
    assert "Moeder wil hulp bij haar budget" in body
    assert "Yasmina" not in body and reference not in body and "opleiding" not in body
    assert _violations(partner_page) == [], "partner referral"
    partner_page.get_by_role("button", name="Doorverwijzing aanvaarden").click()
    assert "Aanvaard door de partner" in partner_page.content()
    partner_page.get_by_role("link", name="Afsluiten met een resultaat").click()
    partner_page.get_by_label("Resultaat").select_option("helped")
    partner_page.get_by_label("Notitie voor het loket").fill("Budgetbegeleiding gestart")
    partner_page.get_by_role("button", name="Doorverwijzing afsluiten").click()
    assert "Afgesloten" in partner_page.content()
    partner_context.close()

    # The case timeline shows all of it.
    page.goto(f"{live_server.url}/loket/dossier/{reference}/")
    timeline = page.get_by_test_id("timeline").inner_text()
    for text in (
        "Dringend gemaakt",
        "Moeder start opleiding binnen twee weken",
        "Telefoongesprek",
        "Gebeld: moeder zoekt ook hulp bij haar budget",
        "Doorverwezen naar Sociaal Huis Deinze voor: Financiële hulp",
        "Toestemming: Telefonisch, aan de moeder",
        "Sociaal Huis Deinze heeft de doorverwijzing aanvaard",
        "Sociaal Huis Deinze heeft de doorverwijzing afgesloten: Het gezin werd geholpen",
        "Budgetbegeleiding gestart",
        "Status: Ingeschreven",
    ):
        assert text in timeline, text
    assert _no_overflow_at_320(browser, worker_state, f"{live_server.url}/loket/dossier/{reference}/")
