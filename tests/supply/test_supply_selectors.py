"""Reads for rounds, the capacity view, the provider's request list and the desk's follow-up."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from supply_world import days_ago, providers_answer

from loket.allocation.policy import FLEMISH_2014, FLEMISH_2024
from loket.supply import selectors, services
from loket.testing.factories import make_family, make_opening, make_request

pytestmark = pytest.mark.django_db


def test_rounds_use_only_fresh_open_places_of_the_desk(world):
    today = timezone.localdate()
    fresh = make_opening(world.a1, confirmed_at=days_ago(29))
    stale = make_opening(world.a1, confirmed_at=days_ago(31))
    make_opening(world.a2, confirmed_at=days_ago(1), withdrawn_at=days_ago(0))
    make_opening(world.a2, confirmed_at=days_ago(1), urgent_only=True)
    make_opening(world.far, confirmed_at=days_ago(1))  # another desk's area
    assert list(selectors.openings_for_round(world.desk, today)) == [fresh]
    assert list(selectors.openings_stale(on=today, desk_ids=[world.desk.pk])) == [stale]

    services.opening_confirm(opening=stale, actor=world.provider_a)
    assert set(selectors.openings_for_round(world.desk, today)) == {fresh, stale}


def test_the_desk_sets_how_long_free_places_stay_fresh(world):
    today = timezone.localdate()
    opening = make_opening(world.a1, confirmed_at=days_ago(12))
    assert list(selectors.openings_for_round(world.desk, today)) == [opening]
    world.desk.free_places_fresh_days = 10
    world.desk.save()
    assert list(selectors.openings_for_round(world.desk, today)) == []
    # A round dated earlier sees the opening as it was then.
    assert list(selectors.openings_for_round(world.desk, today - timedelta(days=5))) == [opening]


def test_inactive_locations_give_no_places_to_rounds(world):
    make_opening(world.a1)
    world.a1.active = False
    world.a1.save()
    assert list(selectors.openings_for_round(world.desk, timezone.localdate())) == []


def test_capacity_by_month_adds_free_places_from_their_start_month(world):
    world.a2.enrolled_total = 15
    world.a2.save()
    on = date(2027, 1, 20)
    make_opening(world.a2, start_month=date(2027, 3, 1), count=2)
    make_opening(world.a2, start_month=date(2027, 5, 1), count=3)
    make_opening(world.a2, start_month=date(2027, 4, 1), count=5, withdrawn_at=days_ago(1))
    rows = selectors.capacity_by_month(location=world.a2, on=on, months=6)
    assert [r.month for r in rows][:2] == [date(2027, 1, 1), date(2027, 2, 1)]
    assert [r.free for r in rows] == [0, 0, 2, 2, 5, 5]
    assert {(r.licensed, r.enrolled, r.promised) for r in rows} == {(18, 15, 0)}
    assert [r.over for r in rows] == [0, 0, 0, 0, 2, 2]
    problems = selectors.capacity_problems(on=on, desk_ids=[world.desk.pk])
    assert [(p["location"], p["first_month"], p["over"]) for p in problems] == [
        (world.a2, date(2027, 5, 1), 2)
    ]
    assert selectors.capacity_problems(on=on, desk_ids=[world.other_desk.pk]) == []


@pytest.mark.parametrize(
    "flags, tariff, expected",
    [
        ({"urgent", "work"}, "income", (1, "urgent")),
        ({"work", "single_parent"}, "income", (2, "work_and_group")),
        ({"work", "sibling"}, "income", (2, "work_and_group")),
        ({"work"}, "income", (3, "work")),
        ({"low_income", "vulnerable"}, "income", (4, "group")),
        ({"health_or_care"}, "income", None),
        ({"sibling", "work"}, "free", (1, "sibling")),
        ({"single_parent"}, "free", None),
    ],
)
def test_priority_class_follows_the_format(flags, tariff, expected):
    assert selectors.priority_class(FLEMISH_2014, tariff=tariff, flags=flags) == expected


def test_priority_class_under_the_2024_rules():
    assert selectors.priority_class(FLEMISH_2024, tariff="income", flags={"foster"}) == (
        2,
        "work_four_fifths_sibling_foster",
    )
    assert selectors.priority_class(FLEMISH_2024, tariff="income", flags={"work", "single_parent"}) is None


def test_the_provider_sees_requests_in_priority_order_with_only_what_it_needs(world):
    family = make_family(world.desk)
    plain = make_request(
        family,
        locations=[world.b1, world.a1],
        birth_date=date(2026, 9, 1),
        weekdays=(1, 2, 4),
        start_earliest=date(2027, 3, 1),
        start_latest=date(2027, 6, 1),
        single_parent=True,
    )
    working = make_request(make_family(world.desk), locations=[world.a1], work=True, low_income=True)
    make_request(make_family(world.desk), locations=[world.b1])  # did not choose a1
    sibling = make_request(make_family(world.desk), locations=[world.a1], accepts_income_tariff=False)
    sibling.siblings_at.add(world.a1)

    with translation.override("en"):
        rows = selectors.requests_for_location(location=world.a1, on=date(2026, 11, 23))
        assert [str(c.label) for c in rows[0].classes] == [
            "Work and a priority group",
            "Work, job search or training",
        ]
    assert [r.pk for r in rows] == [working.pk, plain.pk, sibling.pk]
    first = rows[0]
    assert [(c.tariff, c.position) for c in first.classes] == [("income", 2), ("free", 2)]
    assert [(c.tariff, c.position) for c in rows[2].classes] == [("free", 1)]  # only the tariff it accepts
    last = rows[1]
    assert (last.rank, last.age_at_start_months, last.born) == (2, 6, True)
    assert last.weekdays == "Mon, Tue, Thu"
    assert [(c.tariff, c.position) for c in last.classes] == [("income", 4), ("free", None)]
    assert last.answer_due is None  # this desk does not let providers answer
    # Nothing that names or describes the family.
    for field in ("child", "family", "single_parent", "low_income", "registered_at", "reference"):
        assert not hasattr(last, field)


def test_unanswered_requests_become_overdue_after_the_desks_target(world):
    today = timezone.localdate()
    old = make_request(make_family(world.desk), locations=[world.a1, world.b1], registered_at=days_ago(25))
    make_request(make_family(world.desk), locations=[world.a1], registered_at=days_ago(3))
    assert (
        selectors.answers_overdue(on=today, desk_ids=[world.desk.pk]) == []
    )  # the desk does not use answers

    providers_answer(world.desk)
    overdue = selectors.answers_overdue(on=today, desk_ids=[world.desk.pk])
    assert [(a.request_id, a.location) for a in overdue] == [(old.pk, world.a1), (old.pk, world.b1)]
    assert overdue[0].days_overdue == 4 and overdue[0].due == timezone.localdate(
        old.registered_at
    ) + timedelta(21)
    assert len(selectors.answers_awaited(on=today, desk_ids=[world.desk.pk])) == 3

    services.provider_answer_record(request=old, location=world.b1, answer="no_place", actor=world.provider_b)
    assert [
        a.location for a in selectors.answers_overdue(on=today, location_ids=[world.a1.pk, world.b1.pk])
    ] == [world.a1]
    world.desk.provider_answer_days = 30
    world.desk.save()
    assert selectors.answers_overdue(on=today, desk_ids=[world.desk.pk]) == []
    assert selectors.answers_overdue(on=today, desk_ids=[world.other_desk.pk]) == []
