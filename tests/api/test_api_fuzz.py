"""Schemathesis against the live OpenAPI document, through the whole Django stack (WSGI, middleware included):
every operation gets a bounded number of generated calls, with a valid provider (or agency) token, and none may
answer with a server error or anything the document does not describe."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from loket.api.tokens import token_issue

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# Loaded once, when the tests are collected, from the document the running application serves.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_test_connection(db):
    """As Django's test client does: a finished request must not close the connection that holds the test's
    transaction (the WSGI handler would otherwise close it after every call)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_document_is_openapi_3_1(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status"} <= set(problem["required"])
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert "422" in operation["responses"], (method, path)
            content = operation["responses"]["422"]["content"]
            assert list(content) == ["application/problem+json"], (method, path)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_document(case, area):
    token_kind = "agency" if case.path.startswith("/api/v1/agency") else "provider"
    organiser = area["ours"] if token_kind == "provider" else None
    _token, plain = token_issue(
        name="fuzz", kind=token_kind, organiser=organiser, rate_limit_per_minute=100_000
    )
    case.call_and_validate(headers={"Authorization": f"Bearer {plain}"}, checks=CHECKS)
