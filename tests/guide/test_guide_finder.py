"""The childcare finder: where a typed postcode or address points, distances, and each filter."""

from datetime import date

import pytest
from django.utils import timezone

from loket.core import weekdays
from loket.guide.selectors import FinderFilters, location_list, postcode_resolve
from loket.guide.services import distance_km

pytestmark = pytest.mark.django_db


def names(filters):
    return [item.location.name for item in location_list(filters=filters, today=timezone.localdate())]


def test_distance_as_the_crow_flies():
    # Deinze (50.98410, 3.52700) to Zulte (50.91900, 3.44900): 0.0651° north = 7.24 km, 0.078° east at
    # latitude 50.95 = 0.078 × 111.19 × cos(50.95°) = 5.47 km; √(7.24² + 5.47²) = 9.07 km.
    assert distance_km(50.98410, 3.52700, 50.91900, 3.44900) == pytest.approx(9.07, abs=0.02)
    assert distance_km(50.9841, 3.527, 50.9841, 3.527) == 0


def test_a_postcode_or_an_address_points_to_a_place(area):
    assert postcode_resolve(text="9800") == area.pc_deinze  # the main place of a shared postcode
    assert postcode_resolve(text="Kerkstraat 4, 9800 Astene") == area.pc_astene
    assert postcode_resolve(text="  astene ") == area.pc_astene  # a place name alone
    assert postcode_resolve(text="Zulte") == area.pc_zulte
    assert postcode_resolve(text="9870") == area.pc_zulte
    assert postcode_resolve(text="1000 Brussel") is None
    assert postcode_resolve(text="nergens") is None
    assert postcode_resolve(text="") is None


def test_without_filters_every_active_location_by_name(area):
    assert names(FinderFilters()) == [
        "Gezinsopvang Leieland",
        "Kinderdagverblijf Astene",
        "Kinderdagverblijf Markt",
    ]


def test_nearest_first_from_a_postcode_and_within_a_distance(area):
    found = location_list(filters=FinderFilters(origin=area.pc_zulte), today=timezone.localdate())
    assert found[0].location.name == "Gezinsopvang Leieland"
    assert found[0].distance_km == pytest.approx(0, abs=0.01)
    assert found[1].distance_km < found[2].distance_km
    assert names(FinderFilters(origin=area.pc_zulte, max_km=5)) == ["Gezinsopvang Leieland"]
    assert names(FinderFilters(origin=area.pc_astene, max_km=2)) == ["Kinderdagverblijf Astene"]
    assert len(names(FinderFilters(origin=area.pc_astene, max_km=20))) == 3


def test_municipality_and_neighbourhood(area):
    assert names(FinderFilters(municipality_id=area.zulte.pk)) == ["Gezinsopvang Leieland"]
    assert names(FinderFilters(neighbourhood_id=area.astene_wijk.pk)) == ["Kinderdagverblijf Astene"]


def test_childs_age(area):
    assert "Kinderdagverblijf Astene" not in names(FinderFilters(age_months=4))  # from 12 months
    assert "Kinderdagverblijf Astene" in names(FinderFilters(age_months=12))
    assert names(FinderFilters(age_months=40)) == []


def test_tariff_regime_counts_a_mix_for_both(area):
    assert names(FinderFilters(tariffs=frozenset({"income"}))) == [
        "Kinderdagverblijf Astene",
        "Kinderdagverblijf Markt",
    ]
    assert names(FinderFilters(tariffs=frozenset({"free"}))) == [
        "Gezinsopvang Leieland",
        "Kinderdagverblijf Astene",
    ]


def test_weekdays_the_location_must_be_open_on_all(area):
    assert "Kinderdagverblijf Astene" in names(FinderFilters(weekdays_mask=weekdays.to_mask((1, 3))))
    assert "Kinderdagverblijf Astene" not in names(FinderFilters(weekdays_mask=weekdays.to_mask((1, 5))))


def test_free_places_soon_ignores_late_urgent_withdrawn_and_stale_places(area):
    found = location_list(filters=FinderFilters(free_soon=True), today=timezone.localdate())
    assert [item.location.name for item in found] == ["Kinderdagverblijf Markt"]
    assert found[0].free_soon[0]["places"] == 2
    # A free place must also fit the child's age and the days.
    assert names(FinderFilters(free_soon=True, weekdays_mask=weekdays.to_mask((6,)))) == []


def test_free_soon_uses_the_months_ahead(area):
    later = location_list(filters=FinderFilters(free_soon=True), today=date(2000, 1, 1))
    assert later == []  # every place starts more than 3 months after that day
