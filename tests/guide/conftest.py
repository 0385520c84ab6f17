"""A small area for the finder: two municipalities with real postcode centroids and a handful of locations."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from loket.areas.models import Postcode
from loket.core import weekdays
from loket.core.months import add_months
from loket.guide.models import FreeDayPrice
from loket.supply.choices import TariffRegime
from loket.supply.models import CareType, Location
from loket.testing.factories import (
    make_desk,
    make_location,
    make_municipality,
    make_neighbourhood,
    make_opening,
)


@dataclass
class Area:
    desk: object
    deinze: object
    zulte: object
    astene_wijk: object
    pc_deinze: Postcode
    pc_astene: Postcode
    pc_zulte: Postcode
    centre_deinze: Location  # income, Deinze centre, free place next month
    astene_mix: Location  # mix, Astene, ages 12-36, Mon-Wed only
    childminder_zulte: Location  # free price, Zulte, with a day price
    closed: Location  # inactive


def _postcode(municipality, code, place, lat, lon, neighbourhood=None):
    return Postcode.objects.create(
        code=code,
        place=place,
        municipality=municipality,
        neighbourhood=neighbourhood,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )


@pytest.fixture
def area(db):
    desk = make_desk(name="Loket Leie", phone="09 381 96 00")
    deinze = make_municipality(desk, name="Deinze")
    zulte = make_municipality(desk, name="Zulte")
    centrum = make_neighbourhood(deinze, name="Deinze-centrum", code="DC")
    astene_wijk = make_neighbourhood(deinze, name="Astene", code="AS")
    pc_deinze = _postcode(deinze, "9800", "Deinze", "50.98410", "3.52700", centrum)
    pc_astene = _postcode(deinze, "9800", "Astene", "50.97200", "3.55800", astene_wijk)
    pc_zulte = _postcode(zulte, "9870", "Zulte", "50.91900", "3.44900")
    today = timezone.localdate()
    centre = make_location(
        municipality=deinze, postcode=pc_deinze, neighbourhood=centrum, name="Kinderdagverblijf Markt"
    )
    make_opening(centre, start_month=add_months(today, 1), count=2)
    astene = make_location(
        municipality=deinze,
        postcode=pc_astene,
        neighbourhood=astene_wijk,
        name="Kinderdagverblijf Astene",
        tariff_regime=TariffRegime.MIX,
        income_places=10,
        age_min_months=12,
        weekdays_mask=weekdays.to_mask((1, 2, 3)),
    )
    # Not "free soon": too late, kept for urgent care, withdrawn, or not re-confirmed for too long.
    make_opening(astene, start_month=add_months(today, 6), weekdays_mask=weekdays.to_mask((1, 2)))
    make_opening(
        astene, start_month=add_months(today, 1), urgent_only=True, weekdays_mask=weekdays.to_mask((1,))
    )
    make_opening(
        astene,
        start_month=add_months(today, 1),
        withdrawn_at=timezone.now(),
        weekdays_mask=weekdays.to_mask((1,)),
    )
    make_opening(
        astene,
        start_month=add_months(today, 1),
        confirmed_at=timezone.now() - timedelta(days=desk.free_places_fresh_days + 1),
        weekdays_mask=weekdays.to_mask((1,)),
    )
    childminder = make_location(
        municipality=zulte,
        postcode=pc_zulte,
        name="Gezinsopvang Leieland",
        care_type=CareType.FAMILY,
        licensed_capacity=8,
        tariff_regime=TariffRegime.FREE,
        subsidy_step="1",
    )
    FreeDayPrice.objects.create(location=childminder, day_price=Decimal("38.00"), valid_from=date(2026, 1, 1))
    closed = make_location(municipality=zulte, postcode=pc_zulte, name="Gesloten opvang", active=False)
    return Area(
        desk, deinze, zulte, astene_wijk, pc_deinze, pc_astene, pc_zulte, centre, astene, childminder, closed
    )
