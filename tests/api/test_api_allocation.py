"""Requests, proposals, offers and placements through the API: the allocation app's services do the work, the
token's organiser limits what can be reached."""

from datetime import date

import pytest
from api_helpers import bearer

from loket.allocation.models import Offer, Placement, Proposal, Round
from loket.allocation.offers import offer_accept
from loket.audit.models import AuditEvent
from loket.demand.lifecycle import Status
from loket.testing.factories import make_family, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(area):
    desk = area["municipality"].desk
    request = make_request(
        make_family(desk), locations=[area["our_location"]], low_income=True, work=True, single_parent=True
    )
    round_ = Round.objects.create(
        desk=desk, date=date(2027, 1, 15), status=Round.Status.PUBLISHED, policy_name="test", instance={}
    )
    return Proposal.objects.create(
        round=round_,
        request=request,
        opening=area["our_opening"],
        location=area["our_location"],
        rank=1,
        priority_class="work_and_group",
    )


def test_requests_show_the_portal_fields_only(client, area, proposal, provider_token):
    body = client.get("/api/v1/provider/requests", **bearer(provider_token)).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["id"] == proposal.request_id and row["location_id"] == area["our_location"].pk
    assert row["rank"] == 1 and row["weekdays"] == list(proposal.request.weekdays)
    assert row["priority_classes"][0]["tariff"] == "income"
    assert row["priority_classes"][0]["position"] is not None
    # Nothing about income, names or family facts.
    forbidden = {"low_income", "single_parent", "work", "first_name", "family", "registered_at", "status"}
    assert not forbidden & set(row)
    # Each request read is in the family's audit trail.
    event = AuditEvent.objects.get(event="request.viewed_by_provider_api")
    assert event.family_id == proposal.request.child.family_id


def test_other_organiser_sees_no_requests_and_cannot_confirm(client, area, proposal, other_provider_token):
    assert client.get("/api/v1/provider/requests", **bearer(other_provider_token)).json()["count"] == 0
    assert client.get("/api/v1/provider/proposals", **bearer(other_provider_token)).json()["count"] == 0
    response = client.post(
        f"/api/v1/provider/proposals/{proposal.pk}/confirm", **bearer(other_provider_token)
    )
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.AWAITING_PROVIDER


def test_confirm_then_record_the_placement(client, area, proposal, provider_token, other_provider_token):
    listed = client.get("/api/v1/provider/proposals?status=awaiting", **bearer(provider_token)).json()
    assert [p["id"] for p in listed["results"]] == [proposal.pk]
    response = client.post(f"/api/v1/provider/proposals/{proposal.pk}/confirm", **bearer(provider_token))
    assert response.status_code == 200, response.content
    offer = Offer.objects.get(pk=response.json()["id"])
    assert offer.status == Offer.Status.OPEN
    # Confirming twice is refused by the service's rule.
    again = client.post(f"/api/v1/provider/proposals/{proposal.pk}/confirm", **bearer(provider_token))
    assert again.status_code == 422
    # The family accepts (in its own portal); then the provider records the contract start.
    offer_accept(offer=offer, actor=None)
    body = {"offer_id": offer.pk, "contract_start": "2027-03-01"}
    theirs = client.post(
        "/api/v1/provider/placements",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="p-1",
        **bearer(other_provider_token),
    )
    assert theirs.status_code == 404
    placed = client.post(
        "/api/v1/provider/placements",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="p-1",
        **bearer(provider_token),
    )
    assert placed.status_code == 201, placed.content
    retried = client.post(
        "/api/v1/provider/placements",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="p-1",
        **bearer(provider_token),
    )
    assert retried.status_code == 201 and retried.json() == placed.json()
    assert Placement.objects.count() == 1
    proposal.request.refresh_from_db()
    assert proposal.request.status == Status.PLACED
    area["our_location"].refresh_from_db()
    assert area["our_location"].enrolled_total == 1
    offers = client.get("/api/v1/provider/offers?status=placed", **bearer(provider_token)).json()
    assert [o["id"] for o in offers["results"]] == [offer.pk]
