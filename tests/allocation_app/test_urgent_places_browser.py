"""Urgent care in a real browser: a provider declares a free place kept for urgent care; rounds leave it out; a desk
worker finds it from the rounds page and assigns it to an urgent request; the family gets the offer."""

import pytest
from allocation_world import ROUND_DATE

from loket.allocation.models import Offer, Round
from loket.allocation.services import round_prepare
from loket.audit.models import AuditEvent
from loket.demand.models import ChildcareRequest
from loket.supply.models import Opening
from loket.testing.browser import sign_in
from loket.testing.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_provider_keeps_a_place_for_urgent_care_and_the_desk_assigns_it(page, live_server, world):
    ChildcareRequest.objects.filter(pk=world.request.pk).update(urgent=True, urgency_reason="Opname ouder")
    sign_in(page, live_server, world.provider_a.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/aanbieder/locaties/{world.location_a.pk}/vrije-plaatsen/nieuw/")
    page.get_by_label("Startmaand").select_option(value="2027-03-01")
    page.get_by_label("Aantal plaatsen").fill("1")
    page.get_by_label("Deze plaatsen voorbehouden voor dringende opvang").check()
    page.get_by_role("button", name="Melden", exact=True).click()
    page.get_by_text("voorbehouden voor dringende opvang: het loket wijst ze rechtstreeks toe").wait_for()
    urgent = Opening.objects.get(location=world.location_a, urgent_only=True)
    assert "voorbehouden voor dringende opvang" in page.content()

    # A round leaves the urgent place out.
    round_ = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    opening_ids = {
        o["id"] for loc in Round.objects.get(pk=round_.pk).instance["locations"] for o in loc["openings"]
    }
    assert f"O{urgent.pk}" not in opening_ids

    page.context.clear_cookies()
    sign_in(page, live_server, world.worker.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/rondes/")
    page.get_by_role("link", name="Plaats voor dringende opvang toewijzen").click()
    page.get_by_label("Dringende vraag").select_option(value=str(world.request.pk))
    page.get_by_label("Plaats voor dringende opvang").select_option(value=str(urgent.pk))
    page.get_by_label("Reden voor de rechtstreekse toewijzing").fill("Opname van de ouder in het ziekenhuis")
    page.get_by_role("button", name="Deze plaats aanbieden").click()
    page.get_by_text("De plaats voor dringende opvang is aan het gezin aangeboden.").wait_for()

    offer = Offer.objects.get(request=world.request)
    assert (offer.kind, offer.opening_id, offer.status) == (Offer.Kind.URGENT, urgent.pk, Offer.Status.OPEN)
    assert offer.made_by == world.worker and "ziekenhuis" in offer.direct_reason
    assert AuditEvent.objects.filter(actor=world.worker, event__startswith="offer.").exists()
    # The place is taken: the page has nothing left to assign.
    assert page.locator(f'select[name="opening"] option[value="{urgent.pk}"]').count() == 0
