"""The knowledge base's list asks the database the same number of questions for a few articles and for many, for a
visitor and for an editor (issue 16: every main page constant in queries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loket.accounts.models import Role
from loket.testing.factories import make_user

from .conftest import make_article

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def grow(start: int, n: int) -> None:
    for i in range(start, start + n):
        make_article(
            slug=f"artikel-{i}",
            title=f"Huishoudelijk reglement {i}",
            body="Wat zet u in het huishoudelijk reglement van uw kinderopvang?",
            tags="reglement",
        )


def test_the_knowledge_base_asks_as_many_queries_for_few_and_many_articles(
    client, django_assert_max_num_queries
):
    editor = make_user(Role.SUPPORT_AGENT)
    views = ({}, {"q": "huishoudelijk reglement"}, {"theme": "entrepreneurship"})

    def measure() -> list[int]:
        counts = []
        for who in (None, editor):
            client.logout()
            if who:
                client.force_login(who)
            for query in views:
                with CaptureQueriesContext(connection) as queries:
                    response = client.get("/voorzet/kennisbank/", query)
                assert response.status_code == 200
                assert response.context["articles"], query
                counts.append(len(queries))
        return counts

    grow(0, 2)
    measure()  # warm the session
    small = measure()
    grow(2, 20)
    assert measure() == small
    client.force_login(editor)
    for query in views:
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get("/voorzet/kennisbank/", query)
