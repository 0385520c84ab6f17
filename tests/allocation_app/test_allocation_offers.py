"""Offers: one open offer at a time (other choices pause), decline and expiry return the place, keep waiting,
reminders, urgent direct assignment, and the family's human review."""

from datetime import date, timedelta

import pytest
from allocation_world import ROUND_DATE, at
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from loket.allocation.models import Offer, Proposal, ReviewRequest
from loket.allocation.offers import (
    offer_accept,
    offer_confirm,
    offer_decline,
    offer_expire,
    offers_process,
    proposal_refuse,
    urgent_assign,
)
from loket.allocation.services import review_request_create, round_prepare, round_publish, round_run
from loket.demand.lifecycle import Status
from loket.demand.models import ChildcareRequest
from loket.testing.factories import make_opening, make_request

pytestmark = pytest.mark.django_db


def _published_round(world, on=ROUND_DATE):
    round_ = round_run(round=round_prepare(desk=world.desk, on=on, actor=world.worker), actor=world.worker)
    round_publish(round=round_, actor=world.worker)
    return round_


def _offer_for(world, request):
    _published_round(world)
    return offer_confirm(proposal=Proposal.objects.get(request=request), actor=world.provider_a)


def _request_ids(round_):
    return {r["id"] for r in round_.instance["requests"]}


def test_while_an_offer_is_open_the_other_choices_pause_and_come_back_on_expiry(world):
    offer = _offer_for(world, world.request)
    assert offer.location == world.location_a
    # The next round leaves the request out (paused) and does not offer opening A again (held by the offer).
    paused = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    assert f"R{world.request.pk}" not in _request_ids(paused)
    assert f"O{world.opening_a.pk}" not in str(paused.instance["locations"])
    with pytest.raises(ValidationError):
        offer_confirm(proposal=Proposal.objects.get(request=world.request), actor=world.provider_a)

    Offer.objects.filter(pk=offer.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert offers_process() == {"reminded": 0, "expired": 1}
    offer.refresh_from_db()
    world.request.refresh_from_db()
    assert offer.status == Offer.Status.EXPIRED
    assert world.request.status == Status.REGISTERED
    back = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    assert f"R{world.request.pk}" in _request_ids(back)
    assert f"O{world.opening_a.pk}" in str(back.instance["locations"])  # the place returned


def test_an_expired_offer_cannot_be_accepted(world):
    offer = _offer_for(world, world.request)
    Offer.objects.filter(pk=offer.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        offer_accept(offer=offer, actor=world.parent)
    offer_expire(offer=offer)
    with pytest.raises(ValidationError):
        offer_accept(offer=offer, actor=world.parent)


def test_a_reminder_goes_out_once_before_the_deadline(world, django_capture_on_commit_callbacks):
    offer = _offer_for(world, world.request)
    Offer.objects.filter(pk=offer.pk).update(deadline=timezone.now() + timedelta(days=2))
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("process_offers")
        assert offers_process() == {"reminded": 0, "expired": 0}
    offer.refresh_from_db()
    assert offer.reminded_at is not None and offer.status == Offer.Status.OPEN
    email = world.family.guardians.first().email
    reminders = [m for m in mail.outbox[before:] if email in m.to]
    assert len(reminders) == 1
    assert "Herinnering" in reminders[0].subject  # in the family's language (Dutch)


def test_declining_returns_the_place_and_the_family_keeps_waiting(world, django_capture_on_commit_callbacks):
    offer = _offer_for(world, world.request)
    with django_capture_on_commit_callbacks(execute=True):
        offer_decline(offer=offer, actor=world.parent, reason="te ver")
    offer.refresh_from_db()
    world.request.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED and offer.decline_reason == "te ver"
    assert world.request.status == Status.DECLINED
    assert any("alfa@example.org" in m.to for m in mail.outbox)
    again = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    assert f"R{world.request.pk}" in _request_ids(again)
    assert f"O{world.opening_a.pk}" in str(again.instance["locations"])


def test_accepting_a_lower_choice_and_keeping_waiting_opens_a_window_for_the_higher_ones(world):
    # The other family's first choice is B; give it the place at A (its second choice) by filling B first.
    _published_round(world)
    proposal = Proposal.objects.get(request=world.other_request)
    offer = offer_confirm(proposal=proposal, actor=world.provider_b)
    assert offer.location == world.location_b  # its first choice: nothing better to wait for
    offer_accept(offer=offer, actor=world.other_parent, keep_waiting=True)
    assert ChildcareRequest.objects.filter(child=world.other_request.child).count() == 1

    second_choice_request = make_request(
        world.other_request.child.family,
        locations=[world.location_b, world.location_a],
        registered_at=at(3),
    )
    extra = make_opening(world.location_a, start_month=date(2027, 3, 1), count=1)
    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    assert {a["request"]: a["opening"] for a in round_.result["assignments"]}[
        f"R{second_choice_request.pk}"
    ] == (f"O{extra.pk}")
    round_publish(round=round_, actor=world.worker)
    offer = offer_confirm(
        proposal=Proposal.objects.get(request=second_choice_request), actor=world.provider_a
    )
    offer_accept(offer=offer, actor=world.other_parent, keep_waiting=True)
    window = ChildcareRequest.objects.filter(child=second_choice_request.child).exclude(
        pk__in=[world.other_request.pk, second_choice_request.pk]
    )
    window = window.get()
    assert window.status == Status.REGISTERED
    assert window.registered_at == second_choice_request.registered_at  # keeps its place in line
    assert [c.location_id for c in window.choices.order_by("rank")] == [world.location_b.pk]


def test_a_refused_proposal_goes_back_to_the_next_round(world):
    _published_round(world)
    proposal = Proposal.objects.get(request=world.request)
    with pytest.raises(ValidationError):
        proposal_refuse(proposal=proposal, actor=world.provider_a, reason=" ")
    proposal_refuse(proposal=proposal, actor=world.provider_a, reason="geen plaats in de babygroep")
    again = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    assert f"R{world.request.pk}" in _request_ids(again)


def test_urgent_places_are_assigned_directly_with_a_reason(world):
    urgent_place = make_opening(world.location_a, start_month=date(2027, 1, 1), count=1, urgent_only=True)
    # Urgent-care places never go into a round.
    instance = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker).instance
    assert f"O{urgent_place.pk}" not in str(instance["locations"])
    with pytest.raises(ValidationError):  # not an urgent request
        urgent_assign(request=world.request, opening=urgent_place, actor=world.worker, reason="brand")
    ChildcareRequest.objects.filter(pk=world.request.pk).update(urgent=True, urgency_reason="huis afgebrand")
    world.request.refresh_from_db()
    with pytest.raises(ValidationError):  # no reason
        urgent_assign(request=world.request, opening=urgent_place, actor=world.worker, reason="")
    with pytest.raises(ValidationError):  # not an urgent-care place
        urgent_assign(request=world.request, opening=world.opening_a, actor=world.worker, reason="brand")
    offer = urgent_assign(request=world.request, opening=urgent_place, actor=world.worker, reason="brand")
    assert (
        offer.kind == Offer.Kind.URGENT and offer.direct_reason == "brand" and offer.made_by == world.worker
    )
    world.request.refresh_from_db()
    assert world.request.status == Status.OFFERED
    other = make_request(world.other_request.child.family, locations=[world.location_a])
    ChildcareRequest.objects.filter(pk=other.pk).update(urgent=True)
    other.refresh_from_db()
    with pytest.raises(ValidationError):  # the one place is taken
        urgent_assign(request=other, opening=urgent_place, actor=world.worker, reason="ook dringend")


def test_the_urgent_page_assigns_a_place(client, world):
    urgent_place = make_opening(world.location_a, start_month=date(2027, 1, 1), count=1, urgent_only=True)
    ChildcareRequest.objects.filter(pk=world.request.pk).update(urgent=True, urgency_reason="crisis")
    client.force_login(world.worker)
    assert world.family.reference in client.get("/rondes/dringend/").content.decode()
    client.post(
        "/rondes/dringend/",
        {"request": world.request.pk, "opening": urgent_place.pk, "reason": "crisisopvang"},
    )
    assert Offer.objects.get(request=world.request).direct_reason == "crisisopvang"


def test_a_family_asks_for_a_human_review(client, world):
    _published_round(world)
    client.force_login(world.parent)
    client.post(f"/rondes/herbeoordeling/vraag/{world.request.pk}/", {"message": "Waarom niet Beta?"})
    review = ReviewRequest.objects.get()
    assert review.request == world.request and review.round is not None
    # Another family's request cannot be used.
    response = client.post(f"/rondes/herbeoordeling/vraag/{world.other_request.pk}/", {"message": "x"})
    assert response.status_code == 404
    client.force_login(world.worker)
    assert "Waarom niet Beta?" in client.get(f"/rondes/herbeoordeling/{review.pk}/").content.decode()
    client.post(f"/rondes/herbeoordeling/{review.pk}/", {"answer": "Beta had geen vrije plaats."})
    review.refresh_from_db()
    assert review.status == ReviewRequest.Status.ANSWERED and review.answered_by == world.worker
    assert review_request_create(request=world.request, actor=world.parent).round is not None
