"""The desk's follow-up of free places reads a fixed number of queries, however many locations its area has
(issue 16: it ran one capacity query per location, 738 queries at a city's size)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from supply_world import stale_opening

from loket.core.months import add_months
from loket.testing.factories import make_location, make_opening

MAX_QUERIES = 30


@pytest.mark.parametrize("extra", [2, 25])
def test_the_follow_up_page_does_not_grow_in_queries_with_the_locations(
    client, world, django_assert_max_num_queries, extra
):
    today = timezone.localdate()
    next_month = add_months(date(today.year, today.month, 1), 1)
    for _ in range(extra):
        location = make_location(
            world.a1.organiser, world.a1.municipality, licensed_capacity=6, enrolled_total=6
        )
        make_opening(location, start_month=next_month, count=2)  # more free places than the licence leaves
        stale_opening(location, start_month=next_month)
    client.force_login(world.worker)
    client.get(reverse("supply:desk_follow_up"))  # warm-up: the session and the desk's texts
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("supply:desk_follow_up"))
    assert response.status_code == 200
    assert len(response.context["problems"]) == extra
    assert len(response.context["stale"]) == extra


@pytest.mark.parametrize("extra", [2, 25])
def test_the_providers_free_places_page_does_not_grow_in_queries_with_its_places(
    client, world, django_assert_max_num_queries, extra
):
    """It asked for each opening whether a round held it (two queries per opening: 861 at a city's size)."""
    for _ in range(extra):
        make_opening(world.a1)
        stale_opening(world.a2)
    client.force_login(world.provider_a)
    client.get(reverse("supply:openings"))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("supply:openings"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 2 * extra
    assert response.context["stale"] == extra


def test_the_follow_up_page_shows_each_list_a_page_at_a_time(client, world):
    """661 kB at a city's size in one page: each list now has its own page number, the others' kept in the links."""
    from loket.supply.views import FOLLOW_UP_PAGE_SIZE

    for _ in range(FOLLOW_UP_PAGE_SIZE + 3):
        stale_opening(world.a1)
    client.force_login(world.worker)
    first = client.get(reverse("supply:desk_follow_up"))
    assert len(first.context["stale"]) == FOLLOW_UP_PAGE_SIZE
    assert 'href="?pagina_bevestiging=2"' in first.content.decode()
    second = client.get(reverse("supply:desk_follow_up"), {"pagina_bevestiging": 2, "pagina_antwoorden": 1})
    assert len(second.context["stale"]) == 3
    assert second.context["stale"].number == 2
    # The link back keeps the other list's page.
    assert 'href="?pagina_bevestiging=1&amp;pagina_antwoorden=1"' in second.content.decode()
