"""Desk policies versioned by date, the instance a round builds from the database, and mails in the family's
language."""

from datetime import date

import pytest
from allocation_world import ROUND_DATE
from django.core import mail
from django.core.exceptions import ValidationError

from loket.allocation.engine import InstanceError, solve
from loket.allocation.models import DeskPolicy, Proposal, validate_policy
from loket.allocation.offers import offer_confirm
from loket.allocation.policy import FLEMISH_2014, FLEMISH_2024, policy_for_desk
from loket.allocation.services import round_prepare, round_publish, round_run
from loket.demand.models import ChildcareRequest
from loket.testing.factories import make_opening

pytestmark = pytest.mark.django_db


def test_a_round_records_the_policy_version_in_force_on_its_date(world):
    # The instance's policy is the version in force, with the round's own lottery seed kept secret (null) until
    # the round has run (each round now draws its own seed).
    assert round_prepare(desk=world.desk, on=date(2024, 6, 1), actor=world.worker).instance["policy"] == (
        FLEMISH_2024 | {"lottery_seed": None}
    )
    current = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    assert current.instance["policy"] == FLEMISH_2014 | {"lottery_seed": None}
    assert "Grondwettelijk Hof" in current.policy_name

    own = {**FLEMISH_2014, "tie_break": "lottery", "lottery_seed": 7}
    DeskPolicy.objects.create(
        desk=world.desk, effective_from=date(2026, 9, 1), name="Loting Testgem", policy=own
    )
    assert policy_for_desk(world.desk, ROUND_DATE).name == "Loting Testgem"
    lottery = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    assert lottery.policy_name == "Loting Testgem" and lottery.instance["policy"]["tie_break"] == "lottery"


def test_the_policy_json_is_validated():
    validate_policy(FLEMISH_2014)
    for bad in (
        [],
        {**FLEMISH_2014, "tie_break": "coin"},
        {**FLEMISH_2014, "rules": {"gratis": {"priority": []}}},
        {**FLEMISH_2014, "rules": {"income": {"priority": [{"name": "x"}], "reserve": None}}},
        {
            **FLEMISH_2014,
            "rules": {"income": {"priority": [], "reserve": {"target_share": 2, "eligible": []}}},
        },
    ):
        with pytest.raises(ValidationError):
            validate_policy(bad)


def test_the_instance_carries_derived_flags_siblings_and_the_horizon(world):
    ChildcareRequest.objects.filter(pk=world.request.pk).update(
        low_income=True, single_parent=True, urgent=True, urgency_reason="x"
    )
    world.request.siblings_at.add(world.location_a)
    far = make_opening(world.location_a, start_month=date(2028, 3, 1))  # beyond the 9-month horizon
    past = make_opening(world.location_a, start_month=date(2026, 10, 1))  # already started
    instance = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker).instance
    data = next(r for r in instance["requests"] if r["id"] == f"R{world.request.pk}")
    assert {"work", "single_parent", "low_income", "vulnerable", "urgent"} <= set(data["flags"])
    assert data["sibling_at"] == [f"L{world.location_a.pk}"]
    assert data["choices"] == [f"L{world.location_a.pk}", f"L{world.location_b.pk}"]
    assert data["start_months"] == ["2027-02", "2027-06"]
    opening_ids = {o["id"] for loc in instance["locations"] for o in loc["openings"]}
    assert f"O{far.pk}" not in opening_ids and f"O{past.pk}" not in opening_ids
    assert f"O{world.opening_a.pk}" in opening_ids
    solve(instance)  # a valid FORMAT.md instance


def test_requests_starting_too_far_ahead_wait_for_a_later_round(world):
    world.desk.earliest_offer_months = 2
    world.desk.save()
    instance = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker).instance
    assert instance["requests"] == []  # both want to start from February 2027, more than 2 months ahead


def test_a_joint_round_of_a_care_regions_desks(world):
    from loket.testing.factories import make_desk, make_family, make_location, make_municipality, make_request

    neighbour = make_desk(name="Buurloket")
    their_location = make_location(municipality=make_municipality(neighbour), name="Opvang Buur")
    make_opening(their_location, start_month=date(2027, 3, 1))
    # A family of the neighbouring desk that works here chooses a location in both municipalities.
    commuter = make_request(make_family(neighbour), locations=[world.location_a, their_location])
    alone = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker).instance
    assert f"R{commuter.pk}" not in {r["id"] for r in alone["requests"]}
    joint = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker, partner_desks=[neighbour])
    assert set(joint.desks.all()) == {world.desk, neighbour}
    assert f"R{commuter.pk}" in {r["id"] for r in joint.instance["requests"]}
    assert f"L{their_location.pk}" in {loc["id"] for loc in joint.instance["locations"]}
    round_run(round=joint, actor=world.worker)
    assert joint.check_report["ok"]


def test_bad_input_is_refused_by_the_engine():
    with pytest.raises(InstanceError):
        solve({"format": "loket-allocation/1", "round": {"date": "x"}, "policy": FLEMISH_2014})


@pytest.mark.parametrize(("language", "word"), [("fr", "Rappel"), ("ar", "تذكير"), ("en", "Reminder")])
def test_family_mails_are_in_the_familys_language(world, django_capture_on_commit_callbacks, language, word):
    world.family.preferred_language = language
    world.family.save()
    round_ = round_run(
        round=round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker), actor=world.worker
    )
    round_publish(round=round_, actor=world.worker)
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_confirm(proposal=Proposal.objects.get(request=world.request), actor=world.provider_a)
    from loket.allocation.offers import offer_remind

    with django_capture_on_commit_callbacks(execute=True):
        offer_remind(offer=offer)
    to_family = [m for m in mail.outbox if world.family.guardians.first().email in m.to]
    assert word in to_family[-1].subject
