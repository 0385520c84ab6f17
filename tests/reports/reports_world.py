"""A small, hand-counted world for the reports: two desks, three locations, six requests in the first half of
2026 at desk A with every status change at an explicit moment (UTC, whole days apart), one older placement, and
desk B with one child of its own and one child also registered at desk A (same national-number hash)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from loket.accounts.choices import Role
from loket.demand.lifecycle import Status
from loket.demand.models import Child
from loket.demand.services import request_change_status
from loket.supply.choices import Tariff, TariffRegime
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_neighbourhood,
    make_opening,
    make_postcode,
    make_request,
    make_user,
)

TODAY = date(2026, 6, 15)
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-06-30"}


def at(month: int, day: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=UTC)


def move(request, *steps):
    for to, when, *reason in steps:
        request_change_status(request=request, to=to, at=when, reason=reason[0] if reason else "")


@dataclass
class World:
    desk_a: object
    desk_b: object
    municipality_a: object
    n1: object
    n2: object
    p1: object
    p2: object
    l1: object
    l2: object
    l3: object
    requests: dict


@pytest.fixture
def world(db) -> World:
    desk_a, desk_b = make_desk(name="Loket Aalst"), make_desk(name="Loket Brugge")
    municipality_a = make_municipality(desk_a, name="Aalst")
    municipality_b = make_municipality(desk_b, name="Brugge")
    n1 = make_neighbourhood(municipality_a, name="Centrum")
    n2 = make_neighbourhood(municipality_a, name="Schaarbeek")
    p1 = make_postcode(municipality_a, neighbourhood=n1)
    p2 = make_postcode(municipality_a, neighbourhood=n2)
    pb = make_postcode(municipality_b)
    l1 = make_location(
        municipality=municipality_a,
        postcode=p1,
        neighbourhood=n1,
        name="De Vlinder",
        tariff_regime=TariffRegime.INCOME,
        licensed_capacity=18,
        enrolled_total=10,
        enrolled_reserve_eligible=1,
    )
    l2 = make_location(
        municipality=municipality_a,
        postcode=p2,
        neighbourhood=n2,
        name="Het Nest",
        tariff_regime=TariffRegime.FREE,
        licensed_capacity=10,
        enrolled_total=8,
        enrolled_reserve_eligible=0,
    )
    l3 = make_location(
        municipality=municipality_a,
        postcode=p2,
        neighbourhood=n2,
        name="Kiekeboe",
        tariff_regime=TariffRegime.MIX,
        licensed_capacity=20,
        income_places=12,
        enrolled_total=20,
        enrolled_reserve_eligible=5,
    )
    lb = make_location(municipality=municipality_b, postcode=pb, name="Brugse Beertjes", licensed_capacity=30)
    make_opening(l1, tariff=Tariff.INCOME, count=2)
    make_opening(l2, tariff=Tariff.FREE, count=1)
    make_opening(lb, count=7)

    def request(postcode, locations, registered, start, birth, **facts):
        family = make_family(postcode.municipality.desk, postcode=postcode)
        return make_request(
            family,
            locations=locations,
            registered_at=registered,
            start_earliest=start,
            start_latest=start,
            birth_date=birth,
            **facts,
        )

    r = {}
    r[1] = request(
        p1, [l1], at(1, 5), date(2026, 3, 1), date(2025, 6, 1), low_income=True, single_parent=True
    )
    move(r[1], (Status.OFFERED, at(1, 25)), (Status.ACCEPTED, at(1, 27)), (Status.PLACED, at(2, 4)))
    r[2] = request(p1, [l1, l2], at(1, 10), date(2026, 3, 1), date(2024, 12, 1), work=True)
    move(
        r[2],
        (Status.OFFERED, at(2, 9)),
        (Status.DECLINED, at(2, 12), "Too far"),
        (Status.REGISTERED, at(2, 13)),
        (Status.OFFERED, at(3, 11)),
        (Status.ACCEPTED, at(3, 13)),
        (Status.PLACED, at(3, 21)),
    )
    r[3] = request(p2, [l2], at(2, 1), date(2026, 3, 1), date(2025, 10, 1), work=True, single_parent=True)
    move(r[3], (Status.WITHDRAWN, at(3, 1)))
    r[4] = request(p2, [l1], at(2, 15), date(2026, 4, 1), date(2025, 10, 1), low_income=True, no_diploma=True)
    r[5] = request(p1, [l3], at(3, 1), date(2026, 9, 1), date(2025, 10, 1))
    r[6] = request(p2, [l2, l3], at(3, 10), date(2026, 5, 1), date(2025, 10, 1))
    move(
        r[6],
        (Status.OFFERED, at(4, 9)),
        (Status.DECLINED, at(4, 12), "Too far"),
        (Status.REGISTERED, at(4, 13)),
    )
    # Outside the period: registered in December 2025, placed in January 2026.
    r[7] = request(p1, [l1], at(12, 1, 2025), date(2026, 1, 1), date(2025, 3, 1))
    move(r[7], (Status.PLACED, at(1, 15)))
    # Desk B: a child of its own, and the child of request 4 registered again (same national-number hash).
    r[8] = request(pb, [lb], at(2, 1), date(2026, 9, 1), date(2025, 10, 1))
    r[9] = request(pb, [lb], at(4, 1), date(2026, 9, 1), date(2025, 10, 1), low_income=True, no_diploma=True)
    Child.objects.filter(pk__in=[r[4].child_id, r[9].child_id]).update(national_number_hash="h" * 64)
    return World(desk_a, desk_b, municipality_a, n1, n2, p1, p2, l1, l2, l3, r)


@pytest.fixture
def viewer_a(world):
    return make_user(Role.POLICY_VIEWER, desk=world.desk_a)


@pytest.fixture
def regional_viewer(world):
    return make_user(Role.POLICY_VIEWER)
