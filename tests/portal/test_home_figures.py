"""The figures on the role home pages count each free place once, however many families chose the location."""

from datetime import date

import pytest

from loket.portal.selectors import desk_overview, provider_locations
from loket.supply.models import Location
from loket.testing.factories import make_family, make_location, make_opening, make_request

pytestmark = pytest.mark.django_db


def test_free_places_are_not_multiplied_by_the_families_who_chose_the_location():
    location = make_location()
    make_opening(location, count=3, start_month=date(2030, 1, 1))
    make_opening(location, count=2, start_month=date(2030, 2, 1))
    make_opening(location, count=4, start_month=date(2020, 1, 1))  # started long ago: no longer free
    withdrawn = make_opening(location, count=5, start_month=date(2030, 3, 1))
    withdrawn.withdrawn_at = withdrawn.confirmed_at
    withdrawn.save()
    desk = location.municipality.desk
    for _ in range(4):
        make_request(make_family(desk), locations=[location])
    (row,) = provider_locations(locations=Location.objects.filter(pk=location.pk))
    assert (row.free_places, row.chosen_by, row.chosen_first_by) == (5, 4, 4)
    overview = next(o for o in desk_overview(desk_ids=[desk.pk]) if o["desk"] == desk)
    assert overview["free_places"] == 5
