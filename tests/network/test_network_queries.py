"""The social map asks the database the same number of questions for a desk with a few partners and with many
(issue 16: every main page constant in queries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.accounts.models import Role
from loket.network.models import Need
from loket.testing.factories import make_desk, make_partner, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def grow(desk, n: int) -> None:
    for i in range(n):
        partner = make_partner(desk, description=f"Taalcursus en opvoedingsondersteuning {i}")
        partner.need_codes = [Need.LANGUAGE, Need.PARENTING][: 1 + i % 2]
        partner.save()


def test_the_directory_asks_as_many_queries_for_few_and_many_partners(client, django_assert_max_num_queries):
    desk = make_desk()
    worker = make_user(Role.DESK_WORKER, desk=desk)
    client.force_login(worker)
    searches = ({}, {"q": "taalcursus"}, {"need": Need.LANGUAGE})

    def measure() -> list[int]:
        counts = []
        for query in searches:
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/loket/sociale-kaart/", query)
            assert response.status_code == 200
            assert response.context["partners"], query
            counts.append(len(queries))
        return counts

    grow(desk, 2)
    measure()  # warm the session
    small = measure()
    grow(desk, 20)
    assert measure() == small
    for query in searches:
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get("/loket/sociale-kaart/", query)
