"""Free places and the allocation app together: places held by an offer show as promised in the capacity view
and lock the opening against changes; a declined offer frees it; a placement moves the child into enrolled."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from loket.allocation import offers
from loket.core.months import add_months
from loket.demand.services import request_set_urgency
from loket.supply import selectors, services
from loket.supply.services import OpeningLocked
from loket.testing.factories import make_family, make_opening, make_request

pytestmark = pytest.mark.django_db


def test_held_places_are_promised_lock_the_opening_and_placements_count_as_enrolled(world):
    today = timezone.localdate()
    start = add_months(date(today.year, today.month, 1), 2)
    opening = make_opening(world.a2, start_month=start, count=3, urgent_only=True)
    request = make_request(
        make_family(world.desk), locations=[world.a2], start_earliest=start, start_latest=start
    )
    request_set_urgency(request=request, urgent=True, reason="crisis", actor=world.worker)
    world.a2.enrolled_total = 10
    world.a2.save()

    offer = offers.urgent_assign(request=request, opening=opening, actor=world.worker, reason="crisis")
    row = {r.month: r for r in selectors.capacity_by_month(location=world.a2, on=today)}[start]
    assert (row.enrolled, row.promised, row.free) == (10, 1, 2)
    assert services.opening_in_round(opening)
    with pytest.raises(OpeningLocked):
        services.opening_change(opening=opening, actor=world.provider_a, count=1)
    with pytest.raises(ValidationError):
        services.opening_withdraw(opening=opening, actor=world.provider_a)

    offers.offer_decline(offer=offer, actor=world.worker)
    assert not services.opening_in_round(opening)
    row = {r.month: r for r in selectors.capacity_by_month(location=world.a2, on=today)}[start]
    assert (row.promised, row.free) == (0, 3)

    request.refresh_from_db()
    again = offers.urgent_assign(request=request, opening=opening, actor=world.worker, reason="crisis")
    offers.offer_accept(offer=again, actor=world.worker)
    offers.placement_record(offer=again, contract_start=start, actor=world.provider_a)
    world.a2.refresh_from_db()
    row = {r.month: r for r in selectors.capacity_by_month(location=world.a2, on=today)}[start]
    assert (row.enrolled, row.promised, row.free) == (11, 0, 2)
