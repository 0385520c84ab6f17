"""A small world for the allocation loop: one desk, two organisers, free places, families with requests."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from django.utils import timezone

from loket.accounts.choices import Role
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_opening,
    make_organiser,
    make_request,
    make_user,
)

ROUND_DATE = date(2026, 11, 23)


def at(day: int, month: int = 6, year: int = 2026):
    return timezone.make_aware(datetime(year, month, day, 9, 0))


@dataclass
class World:
    desk: object
    location_a: object
    location_b: object
    opening_a: object
    opening_b: object
    worker: object
    provider_a: object
    provider_b: object
    parent: object
    family: object
    request: object
    other_parent: object
    other_request: object


@pytest.fixture
def world(db):
    desk = make_desk(name="Loket Testgem")
    municipality = make_municipality(desk)
    organiser_a = make_organiser(name="Organisator Alfa", email="alfa@example.org")
    organiser_b = make_organiser(name="Organisator Beta", email="beta@example.org")
    location_a = make_location(organiser_a, municipality, name="Kinderdagverblijf Alfa")
    location_b = make_location(organiser_b, municipality, name="Kinderdagverblijf Beta")
    opening_a = make_opening(location_a, start_month=date(2027, 3, 1), count=1)
    opening_b = make_opening(location_b, start_month=date(2027, 3, 1), count=1)
    parent = make_user()
    family = make_family(desk, user=parent)
    request = make_request(family, locations=[location_a, location_b], registered_at=at(1), work=True)
    other_parent = make_user()
    other_family = make_family(desk, user=other_parent)
    other_request = make_request(
        other_family, locations=[location_b, location_a], registered_at=at(2), work=True
    )
    return World(
        desk=desk,
        location_a=location_a,
        location_b=location_b,
        opening_a=opening_a,
        opening_b=opening_b,
        worker=make_user(Role.DESK_WORKER, desk=desk),
        provider_a=make_user(Role.PROVIDER_STAFF, organiser=organiser_a),
        provider_b=make_user(Role.PROVIDER_STAFF, organiser=organiser_b),
        parent=parent,
        family=family,
        request=request,
        other_parent=other_parent,
        other_request=other_request,
    )
