"""What supply tells allocation: the locations whose waiting list a person may read, and the places kept for urgent
care that a desk may assign directly."""

from datetime import timedelta

import pytest
from django.utils import timezone

from loket.accounts.policies import Scope
from loket.supply.selectors import locations_visible_to, openings_urgent_of_desks
from loket.testing.factories import make_desk, make_location, make_municipality, make_opening, make_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    desk, other = make_desk(), make_desk()
    organiser = make_organiser()
    here = make_location(organiser=organiser, municipality=make_municipality(desk))
    there = make_location(organiser=organiser, municipality=make_municipality(other))
    elsewhere = make_location(municipality=make_municipality(other))
    return desk, other, organiser, here, there, elsewhere


def test_a_desk_sees_the_locations_of_its_area_and_a_provider_its_own(area):
    desk, _other, organiser, here, there, elsewhere = area

    assert set(locations_visible_to(Scope(desk_ids=frozenset({desk.pk})))) == {here}
    assert set(locations_visible_to(Scope(organiser_ids=frozenset({organiser.pk})))) == {here, there}
    assert set(locations_visible_to(Scope(location_ids=frozenset({elsewhere.pk})))) == {elsewhere}
    assert set(locations_visible_to(Scope())) == set()
    assert set(locations_visible_to(Scope(is_superuser=True))) >= {here, there, elsewhere}


def test_the_urgent_places_are_the_open_ones_kept_for_urgent_care_in_the_desks_area(area):
    desk, _other, _organiser, here, there, _elsewhere = area
    long_ago = timezone.now() - timedelta(days=400)  # urgent places need no fresh confirmation
    kept = make_opening(here, urgent_only=True, confirmed_at=long_ago)
    make_opening(here)  # an ordinary free place: for rounds
    make_opening(here, urgent_only=True, withdrawn_at=timezone.now())
    make_opening(there, urgent_only=True)  # another desk's area
    closed = make_location(municipality=here.municipality, active=False)
    make_opening(closed, urgent_only=True)

    assert list(openings_urgent_of_desks([desk.pk])) == [kept]
