"""The main pages around rounds ask the database the same number of questions for a small area and for one with many
more locations, families, proposals and rounds (issue 16: the round detail page made 137 queries at a city's size).
Each page is measured as the person who uses it, before and after the area grows; the counts must be equal."""

from datetime import date, timedelta

import pytest
from allocation_world import ROUND_DATE, at
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.allocation.models import Round
from loket.allocation.services import round_prepare, round_publish, round_run
from loket.testing.factories import make_family, make_location, make_opening, make_request

pytestmark = pytest.mark.django_db

MAX_QUERIES = 30  # a page's bound: the session, the user, the role's scope and the layout included


def grow(world, n: int) -> None:
    """`n` more locations (half at each organiser), each with a free place and a family that chose it first and the
    world's two locations after it."""
    municipality = world.location_a.municipality
    for i in range(n):
        organiser = (world.location_a if i % 2 == 0 else world.location_b).organiser
        location = make_location(organiser, municipality)
        make_opening(location, start_month=date(2027, 3, 1), count=1)
        make_request(
            make_family(world.desk),
            locations=[location, world.location_a, world.location_b],
            registered_at=at(3 + i % 20),
            work=i % 3 == 0,
            low_income=i % 2 == 0,
        )


def published_round(world, on: date) -> Round:
    round_ = round_run(round=round_prepare(desk=world.desk, on=on, actor=world.worker), actor=world.worker)
    round_publish(round=round_, actor=world.worker)
    return round_


def pages(world, round_) -> list[tuple[str, object, str]]:
    return [
        ("round list", world.worker, "/rondes/"),
        ("round detail (latest)", world.worker, f"/rondes/{round_.pk}/"),
        ("waiting lists", world.worker, "/rondes/wachtlijsten/"),
        ("waiting list", world.worker, f"/rondes/wachtlijsten/{world.location_a.pk}/"),
        ("desk home", world.worker, "/loket/"),
        ("case queues", world.worker, "/loket/opvolging/"),
        ("case", world.worker, f"/loket/dossier/{world.family.reference}/"),
        ("proposals", world.provider_a, "/rondes/voorstellen/"),
        ("provider home", world.provider_a, "/aanbieder/"),
        ("family status", world.other_parent, "/gezin/"),
    ]


def measure(client, world, round_) -> dict[str, int]:
    counts = {}
    for name, user, url in pages(world, round_):
        client.force_login(user)
        client.get(url)  # warm what a first visit does once (the session, a remembered choice)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = len(queries)
    return counts


def test_the_round_pages_ask_as_many_queries_for_a_small_and_a_larger_area(
    client, world, django_assert_max_num_queries
):
    grow(world, 2)
    first = published_round(world, ROUND_DATE)
    small = measure(client, world, first)
    grow(world, 16)
    latest = published_round(world, ROUND_DATE + timedelta(days=7))
    assert latest.proposals.count() > first.proposals.count()
    large = measure(client, world, latest)
    assert large == small
    for _name, user, url in pages(world, latest):
        client.force_login(user)
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(url)
