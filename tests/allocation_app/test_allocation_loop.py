"""The whole loop on a small world, through the pages: a round is prepared, run and published by the desk, the
provider confirms, the family accepts, the provider records the start; counts and statuses follow."""

from datetime import date

import pytest
from allocation_world import ROUND_DATE
from django.core import mail

from loket.allocation.engine import solve
from loket.allocation.models import Offer, Placement, Proposal, Round
from loket.allocation.services import RoundError, round_prepare, round_publish, round_recheck, round_run
from loket.audit.models import AuditEvent
from loket.demand.lifecycle import Status
from loket.supply.models import Location

pytestmark = pytest.mark.django_db


def test_the_whole_loop_through_the_pages(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/rondes/", {"desk": world.desk.pk, "date": ROUND_DATE.isoformat()}, follow=True
        )
    assert response.status_code == 200
    round_ = Round.objects.get()
    assert round_.status == Round.Status.PREPARED
    assert {r["id"] for r in round_.instance["requests"]} == {
        f"R{world.request.pk}",
        f"R{world.other_request.pk}",
    }
    assert round_.figures and round_.figures[0]["mechanism"]
    page = client.get(f"/rondes/{round_.pk}/").content.decode()
    assert "Preview" in page or "Voorbeeld" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rondes/{round_.pk}/draaien/")
    round_.refresh_from_db()
    assert round_.status == Round.Status.RUN and round_.check_report["ok"] is True
    # Each family gets its first choice: A for the first, B for the other.
    assigned = {a["request"]: a["opening"] for a in round_.result["assignments"]}
    assert assigned == {
        f"R{world.request.pk}": f"O{world.opening_a.pk}",
        f"R{world.other_request.pk}": f"O{world.opening_b.pk}",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rondes/{round_.pk}/publiceren/")
    round_.refresh_from_db()
    assert round_.status == Round.Status.PUBLISHED and round_.published_by == world.worker
    proposal = Proposal.objects.get(request=world.request)
    assert proposal.status == Proposal.Status.AWAITING_PROVIDER and proposal.rank == 1
    assert any("alfa@example.org" in m.to for m in mail.outbox)  # the provider is told
    world.request.refresh_from_db()
    assert (
        world.request.status == Status.REGISTERED
    )  # nothing reaches the family before the provider confirms

    client.force_login(world.provider_a)
    page = client.get("/rondes/voorstellen/").content.decode()
    assert "Kinderdagverblijf Alfa" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rondes/voorstellen/{proposal.pk}/", {"decision": "confirm"})
    offer = Offer.objects.get(request=world.request)
    assert offer.status == Offer.Status.OPEN
    assert (offer.deadline - offer.made_at).days == world.desk.offer_deadline_days
    world.request.refresh_from_db()
    assert world.request.status == Status.OFFERED
    family_mail = [m for m in mail.outbox if world.family.guardians.first().email in m.to]
    assert family_mail and "Kinderdagverblijf Alfa" in family_mail[-1].body

    client.force_login(world.parent)
    page = client.get(f"/gezin/aanbod/{offer.pk}/").content.decode()
    assert "Kinderdagverblijf Alfa" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/gezin/aanbod/{offer.pk}/", {"action": "accept"})
    offer.refresh_from_db()
    world.request.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED and offer.answered_by == world.parent
    assert world.request.status == Status.ACCEPTED

    enrolled_before = Location.objects.get(pk=world.location_a.pk).enrolled_total
    client.force_login(world.provider_a)
    client.post(f"/rondes/plaatsingen/{offer.pk}/", {"contract_start": "2027-03-01"})
    placement = Placement.objects.get(offer=offer)
    assert placement.contract_start == date(2027, 3, 1) and placement.recorded_by == world.provider_a
    assert Location.objects.get(pk=world.location_a.pk).enrolled_total == enrolled_before + 1
    world.request.refresh_from_db()
    assert world.request.status == Status.PLACED
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert {"round.prepared", "round.run", "round.published", "proposal.confirmed", "offer.made"} <= events
    assert {"offer.accepted", "placement.recorded"} <= events


def test_rerunning_a_stored_instance_gives_the_stored_result(world):
    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    stored = Round.objects.get(pk=round_.pk)
    again = solve(stored.instance, explain=True)
    assert again.pop("explanations") == stored.explanations
    assert again == stored.result
    report = round_recheck(round=stored, actor=world.worker)
    assert report["ok"] and report["reproduced"]


def test_the_downloads_are_what_loket_allocate_reads(client, world):
    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    client.force_login(world.worker)
    instance = client.get(f"/rondes/{round_.pk}/instance.json")
    assert instance["Content-Disposition"].startswith("attachment")
    assert instance.json()["format"] == "loket-allocation/1"
    assert solve(instance.json()) == {
        **client.get(f"/rondes/{round_.pk}/result.json").json(),
    }


def test_without_provider_confirmation_the_offer_goes_out_at_publishing(world):
    world.desk.provider_confirmation_required = False
    world.desk.save()
    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    round_publish(round=round_, actor=world.worker)
    assert Offer.objects.filter(status=Offer.Status.OPEN).count() == 2
    world.request.refresh_from_db()
    assert world.request.status == Status.OFFERED


def test_a_round_cannot_be_published_twice_or_before_it_ran(world):
    round_ = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    with pytest.raises(RoundError):
        round_publish(round=round_, actor=world.worker)
    round_run(round=round_, actor=world.worker)
    round_publish(round=round_, actor=world.worker)
    with pytest.raises(RoundError):
        round_publish(round=round_, actor=world.worker)
    assert Proposal.objects.count() == 2
