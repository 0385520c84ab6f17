"""The reports' pages ask the database the same number of questions whatever the size of the area: measured on a
small region (two desks) and on one four times larger (more desks, municipalities, neighbourhoods, locations, requests and
history), every page's count stays the same and under its bound."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.accounts.choices import Role
from loket.demand.lifecycle import Status
from loket.demand.services import request_change_status
from loket.reports.selectors import DASHBOARD_KEYS
from loket.supply.choices import TariffRegime
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

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "2025-01-01", "date_to": "2025-12-31"}
MAX_QUERIES = 40  # a page's bound; the session, the user and the filter's choices included


def at(month, day):
    return datetime(2025, month, day, 10, tzinfo=UTC)


def grow(desks: int) -> list:
    """`desks` desks, each with two municipalities of two neighbourhoods, three locations per municipality and
    eight requests per neighbourhood that go every way (placed, offered and declined, withdrawn, waiting)."""
    made = []
    for d in range(desks):
        desk = make_desk()
        made.append(desk)
        for m in range(2):
            municipality = make_municipality(desk)
            locations = [
                make_location(municipality=municipality, tariff_regime=regime, licensed_capacity=14 + i)
                for i, regime in enumerate((TariffRegime.INCOME, TariffRegime.FREE, TariffRegime.MIX))
            ]
            make_opening(locations[0], count=2)
            for n in range(2):
                postcode = make_postcode(municipality, neighbourhood=make_neighbourhood(municipality))
                for r in range(8):
                    request = make_request(
                        make_family(desk, postcode=postcode),
                        locations=locations[r % 3 :] + locations[: r % 3],
                        registered_at=at(1 + (r + n + m + d) % 10, 1 + r),
                        low_income=r % 2 == 0,
                        no_diploma=r % 4 == 0,
                        work=r % 3 == 0,
                    )
                    if r % 4 == 0:
                        request_change_status(request=request, to=Status.PLACED, at=at(11, 1 + r))
                    elif r % 4 == 1:
                        request_change_status(request=request, to=Status.OFFERED, at=at(11, 1 + r))
                        request_change_status(
                            request=request, to=Status.DECLINED, at=at(11, 3 + r), reason=f"R{r}"
                        )
                    elif r % 4 == 2:
                        request_change_status(request=request, to=Status.WITHDRAWN, at=at(11, 5 + r))
    return made


def pages(desk) -> list[tuple[str, str, dict]]:
    period = {**PERIOD}
    return [
        ("desk", "/rapporten/", period),
        ("region", "/rapporten/", period),
        ("region", "/rapporten/", {**period, "desk": desk.pk}),
        *[("region", f"/rapporten/tabel/{key}/", {**period, "page": 2}) for key in DASHBOARD_KEYS],
        ("desk", "/rapporten/tabel/areas_neighbourhood/", period),
        ("region", "/rapporten/regio/", period),
        ("region", "/rapporten/agentschap/", {"year": 2025}),
        ("desk", "/rapporten/agentschap/", {"year": 2025}),
        ("region", "/cijfers/", {}),
        ("desk", "/rapporten/export/areas_neighbourhood.csv", period),
        ("desk", "/rapporten/export/dashboard.xlsx", period),
        ("region", "/rapporten/regio/export.csv", period),
        ("region", "/rapporten/agentschap/export.csv", {"year": 2025}),
        ("desk", "/rapporten/jaarrapport/", {"year": 2025}),
    ]


def count_queries(client, url, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def test_every_report_page_asks_as_many_queries_for_a_small_and_a_four_times_larger_region(
    client, django_assert_max_num_queries
):
    desks = grow(2)  # two desks already: with a single desk the layout also shows that desk's own texts
    users = {"desk": make_user(Role.POLICY_VIEWER, desk=desks[0]), "region": make_user(Role.POLICY_VIEWER)}

    def measure() -> dict:
        counts = {}
        for who, url, query in pages(desks[0]):
            client.force_login(users[who])
            counts[(who, url, tuple(query.items()))] = count_queries(client, url, query)
        return counts

    measure()  # once to warm what a first request does once (a session, a remembered desk)
    small = measure()
    desks += grow(6)
    large = measure()
    assert large == small
    for (who, url, query), n in large.items():
        client.force_login(users[who])
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(url, dict(query))
        assert n <= MAX_QUERIES, (url, n)
