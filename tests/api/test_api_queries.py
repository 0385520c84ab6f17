"""The API's lists ask the database the same number of questions for a small and a larger area: each list is
filtered, counted and paged in the database, and a page's rows are read together (issue 16)."""

from datetime import date

import pytest
from api_helpers import bearer
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.allocation.models import Proposal, Round
from loket.allocation.offers import offer_confirm
from loket.testing.factories import make_family, make_location, make_opening, make_request, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15  # the token, its rate limit and audit, the count and one page with what its rows show

LISTS = (
    ("/api/v1/open/locations", None),
    ("/api/v1/provider/locations", "provider"),
    ("/api/v1/provider/openings", "provider"),
    ("/api/v1/provider/requests", "provider"),
    ("/api/v1/provider/proposals", "provider"),
    ("/api/v1/provider/offers", "provider"),
)


def grow(area, round_, n: int) -> None:
    """`n` more locations of our organiser, each with free places, a family that chose it, a proposal the
    provider still has to answer and one it confirmed (an offer)."""
    desk = area["municipality"].desk
    worker = make_user()
    for _ in range(n):
        location = make_location(area["ours"], area["municipality"])
        opening = make_opening(location, count=3)
        for confirmed in (False, True):
            request = make_request(make_family(desk), locations=[location, area["their_location"]], work=True)
            proposal = Proposal.objects.create(
                round=round_,
                request=request,
                opening=opening,
                location=location,
                rank=1,
                priority_class="work_and_group",
            )
            if confirmed:
                offer_confirm(proposal=proposal, actor=worker)


def counts(client, provider_token) -> dict[str, int]:
    out = {}
    for url, who in LISTS:
        headers = bearer(provider_token) if who else {}
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code)
        assert response.json()["count"] >= 1, url
        out[url] = len(queries)
    return out


def test_every_api_list_asks_as_many_queries_for_a_small_and_a_larger_area(
    client, area, provider_token, django_assert_max_num_queries
):
    round_ = Round.objects.create(
        desk=area["municipality"].desk,
        date=date(2027, 1, 15),
        status=Round.Status.PUBLISHED,
        policy_name="test",
        instance={},
    )
    grow(area, round_, 1)
    counts(client, provider_token)  # warm what a first call does once
    small = counts(client, provider_token)
    grow(area, round_, 12)
    large = counts(client, provider_token)
    assert large == small
    for url, who in LISTS:
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(url, **(bearer(provider_token) if who else {}))
