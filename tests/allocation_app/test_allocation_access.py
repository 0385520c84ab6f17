"""Who sees what: a provider never sees another organiser's proposals or offers, a family never another family's
offer or explanation, a desk never another desk's rounds; waiting lists follow the rules' order."""

import re
from datetime import date

import pytest
from allocation_world import ROUND_DATE, at

from loket.accounts.choices import Role
from loket.allocation.models import Offer, Proposal
from loket.allocation.offers import offer_confirm
from loket.allocation.services import round_prepare, round_publish, round_run
from loket.testing.factories import make_desk, make_family, make_request, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world):
    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    round_publish(round=round_, actor=world.worker)
    return round_


def test_a_provider_never_sees_another_organisers_proposals(client, world, published):
    proposal_a = Proposal.objects.get(location=world.location_a)
    proposal_b = Proposal.objects.get(location=world.location_b)
    client.force_login(world.provider_a)
    page = client.get("/rondes/voorstellen/").content.decode()
    assert f"proposal-{proposal_a.pk}" in page and "Kinderdagverblijf Alfa" in page
    assert f"proposal-{proposal_b.pk}" not in page and "Kinderdagverblijf Beta" not in page
    # Confirming or recording another organiser's proposal or offer is not found, and changes nothing.
    assert client.post(f"/rondes/voorstellen/{proposal_b.pk}/", {"decision": "confirm"}).status_code == 404
    proposal_b.refresh_from_db()
    assert proposal_b.status == Proposal.Status.AWAITING_PROVIDER
    offer_b = offer_confirm(proposal=proposal_b, actor=world.provider_b)
    offer_b.status = Offer.Status.ACCEPTED
    offer_b.save()
    response = client.post(f"/rondes/plaatsingen/{offer_b.pk}/", {"contract_start": "2027-03-01"})
    assert response.status_code == 404
    assert "Kinderdagverblijf Beta" not in client.get("/rondes/voorstellen/").content.decode()
    # Nor another organiser's waiting list.
    assert client.get(f"/rondes/wachtlijsten/{world.location_b.pk}/").status_code == 404
    assert client.get(f"/rondes/wachtlijsten/{world.location_a.pk}/").status_code == 200


def test_a_provider_sees_no_family_reference_or_income_facts(client, world, published):
    client.force_login(world.provider_a)
    for url in ("/rondes/voorstellen/", f"/rondes/wachtlijsten/{world.location_a.pk}/"):
        page = client.get(url).content.decode()
        assert world.family.reference not in page and world.other_request.child.family.reference not in page


def test_a_family_never_sees_another_familys_offer(client, world, published):
    mine = offer_confirm(proposal=Proposal.objects.get(request=world.request), actor=world.provider_a)
    theirs = offer_confirm(proposal=Proposal.objects.get(request=world.other_request), actor=world.provider_b)
    client.force_login(world.parent)
    assert client.get(f"/gezin/aanbod/{mine.pk}/").status_code == 200
    assert client.get(f"/gezin/aanbod/{theirs.pk}/").status_code == 404
    assert client.post(f"/gezin/aanbod/{theirs.pk}/", {"action": "decline"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Offer.Status.OPEN
    page = client.get("/gezin/").content.decode()
    assert "Kinderdagverblijf Alfa" in page
    assert world.other_request.child.family.reference not in page


def test_the_explanation_speaks_of_the_familys_own_choices_only(client, world):
    # One place at A; the other family registered earlier for A as first choice, so ours is outranked there.
    world.other_request.choices.all().delete()
    from loket.demand.services import request_set_choices

    request_set_choices(request=world.other_request, location_ids=[world.location_a.pk])
    world.other_request.registered_at = at(1, month=1)
    world.other_request.save()
    world.opening_b.count = 1
    world.opening_b.save()
    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    round_publish(round=round_, actor=world.worker)
    client.force_login(world.parent)
    offer_confirm(proposal=Proposal.objects.get(request=world.request), actor=world.provider_b)
    page = client.get("/gezin/").content.decode()  # the status page explains each choice
    assert "Kinderdagverblijf Alfa" in page and "Kinderdagverblijf Beta" in page
    # One family came first: the page names the rule (registration date), not that family's group (issue 19).
    assert "registration date" in page or "inschrijvingsdatum" in page
    assert world.other_request.child.family.reference not in page
    # As a word: the page's random CSRF token may hold the same letters.
    assert not re.search(rf"\bR{world.other_request.pk}\b", page)


def test_a_desk_never_sees_another_desks_rounds(client, world, published):
    other_worker = make_user(Role.DESK_WORKER, desk=make_desk())
    client.force_login(other_worker)
    assert client.get(f"/rondes/{published.pk}/").status_code == 404
    assert client.get(f"/rondes/{published.pk}/instance.json").status_code == 404
    assert client.post(f"/rondes/{published.pk}/controle/").status_code == 404
    assert world.family.reference not in client.get("/rondes/").content.decode()


def test_the_waiting_list_follows_the_priority_classes_then_registration(client, world):
    late_but_single = make_request(
        make_family(world.desk),
        locations=[world.location_a],
        registered_at=at(20),
        work=True,
        single_parent=True,
    )
    no_work = make_request(
        make_family(world.desk), locations=[world.location_a], registered_at=at(1, month=1)
    )
    client.force_login(world.worker)
    response = client.get(f"/rondes/wachtlijsten/{world.location_a.pk}/")
    rows = response.context["page"]
    order = [row.request.pk for row in rows]
    # work + single parent first, then work by registration (the two world requests), then no priority.
    assert order == [late_but_single.pk, world.request.pk, world.other_request.pk, no_work.pk]
    assert rows[0].class_name == "work_and_group" and rows[-1].class_name is None
    assert rows[0].age_at_start_months is not None
    assert date(2027, 2, 1) == rows[1].start_earliest
