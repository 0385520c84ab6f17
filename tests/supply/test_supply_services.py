"""The supply services: declaring, changing, withdrawing and confirming free places; a location's practical data
and enrolment; a provider's answer. Each writes an audit event and refuses what the rules forbid."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from supply_world import days_ago

from loket.audit.models import AuditEvent
from loket.core.months import add_months
from loket.supply import services
from loket.supply.models import Opening, ProviderAnswer
from loket.testing.factories import make_family, make_opening, make_request

pytestmark = pytest.mark.django_db


def next_month(n: int = 1) -> date:
    today = timezone.localdate()
    return add_months(date(today.year, today.month, 1), n)


def test_declaring_free_places_confirms_them_and_is_audited(world):
    opening = services.opening_declare(
        location=world.a1,
        tariff="income",
        start_month=next_month(2) + timedelta(days=9),  # any day: stored as the month's first day
        weekdays=[1, 2, 3],
        age_min_months=6,
        age_max_months=30,
        count=2,
        actor=world.provider_a,
    )
    opening.refresh_from_db()
    assert opening.start_month == next_month(2)
    assert opening.weekdays == (1, 2, 3)
    assert opening.count == 2 and opening.withdrawn_at is None
    assert timezone.now() - opening.confirmed_at < timedelta(minutes=1)
    assert opening.created_by == world.provider_a
    event = AuditEvent.objects.get(event="opening.declared")
    assert event.object_id == str(opening.pk) and event.desk_id == world.desk.pk
    assert event.detail == {"location_id": world.a1.pk, "count": 2}


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"tariff": "income", "location": "b1"}, "tariff"),  # a free-price location has no income places
        ({"weekdays": [1, 6]}, "weekdays_mask"),  # the location is closed on Saturday
        ({"start_month": "past"}, "start_month"),
        ({"age_min_months": 30, "age_max_months": 6}, "__all__"),
    ],
)
def test_declaring_refuses_what_the_location_cannot_offer(world, bad, field):
    location = getattr(world, bad.pop("location", "a2"))
    values = {"tariff": "income" if location.tariff_regime != "free" else "free", "weekdays": [1, 2]}
    values.update(start_month=next_month(1), count=1)
    values.update(bad)
    if values["start_month"] == "past":
        values["start_month"] = next_month(-1)
    with pytest.raises(ValidationError) as caught:
        services.opening_declare(location=location, actor=world.provider_a, **values)
    assert field in caught.value.message_dict
    assert not Opening.objects.exists()
    assert not AuditEvent.objects.filter(event="opening.declared").exists()


def test_changing_free_places_reconfirms_them_and_names_the_fields_changed(world):
    opening = make_opening(world.a1, tariff="income", start_month=next_month(3), confirmed_at=days_ago(40))
    services.opening_change(opening=opening, actor=world.provider_a, count=3, tariff="free")
    opening.refresh_from_db()
    assert (opening.count, opening.tariff) == (3, "free")
    assert timezone.now() - opening.confirmed_at < timedelta(minutes=1)
    assert AuditEvent.objects.get(event="opening.changed").detail["fields"] == ["count", "tariff"]


def test_a_change_cannot_touch_other_fields(world):
    opening = make_opening(world.a1)
    with pytest.raises(TypeError):
        services.opening_change(opening=opening, actor=world.provider_a, location=world.b1)


def test_withdrawn_places_can_be_neither_changed_nor_confirmed(world):
    opening = make_opening(world.a1, start_month=next_month(2))
    services.opening_withdraw(opening=opening, actor=world.provider_a, reason="filled")
    opening.refresh_from_db()
    assert opening.withdrawn_at is not None
    assert AuditEvent.objects.get(event="opening.withdrawn").reason == "filled"
    with pytest.raises(ValidationError):
        services.opening_change(opening=opening, actor=world.provider_a, count=2)
    with pytest.raises(ValidationError):
        services.opening_confirm(opening=opening, actor=world.provider_a)


def test_confirming_makes_a_stale_opening_fresh_again(world):
    opening = make_opening(world.a1, confirmed_at=days_ago(60))
    services.opening_confirm(opening=opening, actor=world.provider_a)
    opening.refresh_from_db()
    assert timezone.now() - opening.confirmed_at < timedelta(minutes=1)
    assert AuditEvent.objects.filter(event="opening.confirmed", object_id=str(opening.pk)).count() == 1


def test_confirm_all_confirms_only_open_places_of_the_location(world):
    keep = make_opening(world.a1, confirmed_at=days_ago(60))
    gone = make_opening(world.a1, confirmed_at=days_ago(60), withdrawn_at=days_ago(1))
    elsewhere = make_opening(world.a2, confirmed_at=days_ago(60))
    assert services.openings_confirm_all(location=world.a1, actor=world.provider_a) == 1
    for opening in (keep, gone, elsewhere):
        opening.refresh_from_db()
    assert keep.confirmed_at > days_ago(1)
    assert gone.confirmed_at < days_ago(59) and elsewhere.confirmed_at < days_ago(59)


def test_the_licence_change_keeps_the_mix_consistent(world):
    services.location_licence_change(
        location=world.a1, actor=world.worker, licensed_capacity=20, tariff_regime="mix", income_places=12
    )
    world.a1.refresh_from_db()
    assert (world.a1.licensed_capacity, world.a1.income_places) == (20, 12)
    assert AuditEvent.objects.get(event="location.licence_changed").detail["fields"] == [
        "income_places",
        "licensed_capacity",
    ]
    with pytest.raises(ValidationError) as caught:
        services.location_licence_change(location=world.a1, actor=world.worker, income_places=20)
    assert "income_places" in caught.value.message_dict
    services.location_licence_change(location=world.a1, actor=world.worker, tariff_regime="income")
    world.a1.refresh_from_db()
    assert world.a1.income_places == 0


def test_location_update_changes_the_practical_data(world):
    services.location_update(
        location=world.a1, actor=world.provider_a, weekdays=[1, 2, 3, 4], languages="Frans"
    )
    world.a1.refresh_from_db()
    assert world.a1.weekdays == (1, 2, 3, 4) and world.a1.languages == "Frans"
    assert AuditEvent.objects.get(event="location.updated").detail["fields"] == ["languages", "weekdays_mask"]


@pytest.mark.parametrize(
    "field, value",
    [("subsidy_step", "3"), ("licensed_capacity", 40), ("tariff_regime", "free"), ("organiser", None)],
)
def test_the_licence_data_is_not_the_providers_to_change(world, field, value):
    # Capacity, tariff regime, subsidy step and organiser are the agency's and the desk administrator's decisions.
    with pytest.raises(TypeError):
        services.location_update(location=world.a1, actor=world.provider_a, **{field: value})


def test_enrolment_is_checked_against_the_licence(world):
    services.location_set_enrolled(location=world.a2, total=15, reserve_eligible=3, actor=world.provider_a)
    world.a2.refresh_from_db()
    assert (world.a2.enrolled_total, world.a2.enrolled_reserve_eligible) == (15, 3)
    assert world.a2.enrolled_updated_at is not None
    with pytest.raises(ValidationError) as caught:
        services.location_set_enrolled(
            location=world.a2, total=19, reserve_eligible=3, actor=world.provider_a
        )
    assert "enrolled_total" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.location_set_enrolled(location=world.a2, total=5, reserve_eligible=6, actor=world.provider_a)
    assert "enrolled_reserve_eligible" in caught.value.message_dict
    world.a2.refresh_from_db()
    assert world.a2.enrolled_total == 15


def test_a_provider_answer_is_recorded_once_per_location_and_audited_on_the_family(world):
    request = make_request(make_family(world.desk), locations=[world.a1, world.b1])
    services.provider_answer_record(
        request=request, location=world.a1, answer="no_place", actor=world.provider_a
    )
    services.provider_answer_record(
        request=request, location=world.a1, answer="possible", actor=world.provider_a
    )
    assert ProviderAnswer.objects.get().answer == "possible"
    event = AuditEvent.objects.filter(event="request.provider_answered").first()
    assert event.family_id == request.child.family_id
    with pytest.raises(ValidationError):
        services.provider_answer_record(
            request=request, location=world.a2, answer="no_place", actor=world.provider_a
        )
