"""A small area for the providers' portal: one desk with two organisers (A with two locations, B with one), and a
second desk with its own location, plus the people who work there."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from loket.accounts.choices import Role
from loket.supply.choices import TariffRegime
from loket.supply.models import Location, SupplySettings
from loket.testing.factories import (
    make_desk,
    make_location,
    make_municipality,
    make_opening,
    make_organiser,
    make_user,
)


@dataclass
class World:
    desk: object
    other_desk: object
    a1: Location
    a2: Location
    b1: Location
    far: Location
    provider_a: object
    provider_a1: object
    provider_b: object
    worker: object
    other_worker: object


@pytest.fixture
def world(db) -> World:
    desk, other_desk = make_desk(name="Loket Noord"), make_desk(name="Loket Zuid")
    town, far_town = make_municipality(desk), make_municipality(other_desk)
    org_a, org_b, org_far = (
        make_organiser(name="Stad Noord"),
        make_organiser(name="Vzw Boomhut"),
        make_organiser(name="Vzw Ver"),
    )
    a1 = make_location(
        org_a, town, name="Kinderdagverblijf Zonnetje", tariff_regime=TariffRegime.MIX, income_places=10
    )
    a2 = make_location(org_a, town, name="Kinderdagverblijf Maantje")
    b1 = make_location(org_b, town, name="Kinderdagverblijf Boomhut", tariff_regime=TariffRegime.FREE)
    far = make_location(org_far, far_town, name="Kinderdagverblijf Verweg")
    return World(
        desk=desk,
        other_desk=other_desk,
        a1=a1,
        a2=a2,
        b1=b1,
        far=far,
        provider_a=make_user(Role.PROVIDER_STAFF, organiser=org_a),
        provider_a1=make_user(Role.PROVIDER_STAFF, organiser=org_a, location=a1),
        provider_b=make_user(Role.PROVIDER_STAFF, organiser=org_b),
        worker=make_user(Role.DESK_WORKER, desk=desk),
        other_worker=make_user(Role.DESK_WORKER, desk=other_desk),
    )


def days_ago(n: int):
    return timezone.now() - timedelta(days=n)


def stale_opening(location, **kw):
    return make_opening(location, confirmed_at=days_ago(45), **kw)


def providers_answer(desk, on: bool = True) -> SupplySettings:
    settings, _ = SupplySettings.objects.update_or_create(
        desk=desk, defaults={"providers_answer_requests": on}
    )
    return settings
