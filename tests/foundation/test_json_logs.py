"""Production logs a log store can read (issue 19): one JSON line per event, tracebacks included, ISO timestamps with an
offset, the request's id (also in the X-Request-ID header), and no case reference, query string or e-mail address."""

import io
import json
import logging
import logging.config
from datetime import datetime

import pytest
from django.conf import settings
from django.test import Client

from loket.core.logs import logging_config
from loket.testing.factories import make_family, make_user


@pytest.fixture
def json_log():
    """Production's logging configuration, its one handler writing into a buffer; the test settings' after."""
    logging.config.dictConfig(logging_config(json_lines=True))
    buffer = io.StringIO()
    for handler in logging.getLogger().handlers:
        handler.setStream(buffer)
    try:
        yield buffer
    finally:
        logging.config.dictConfig(settings.LOGGING)


def _lines(buffer) -> list[dict]:
    text = buffer.getvalue()
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]  # every line is one complete JSON document


@pytest.mark.django_db
def test_a_forbidden_case_page_logs_its_route_not_its_reference(json_log):
    reference = make_family().reference
    client = Client()
    client.force_login(make_user())  # a parent: not allowed into the desk's case view
    response = client.get(f"/loket/dossier/{reference}/?q=jan.peeters@example.org")
    assert response.status_code == 403

    lines = _lines(json_log)
    text = json_log.getvalue()
    assert reference not in text and "example.org" not in text and "?q=" not in text
    forbidden = next(line for line in lines if line["logger"] == "django.request")
    assert forbidden["message"] == "Forbidden (Permission denied): /loket/dossier/<str:reference>/"
    assert forbidden["level"] == "WARNING" and forbidden["status_code"] == 403
    access = next(line for line in lines if line["logger"] == "loket.access")
    assert access["route"] == "/loket/dossier/<str:reference>/" and access["status"] == 403
    assert access["method"] == "GET" and access["duration_ms"] >= 0
    # Every line of the request carries its id, which the response echoes.
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}
    stamp = datetime.fromisoformat(forbidden["timestamp"])
    assert stamp.utcoffset() is not None


@pytest.mark.django_db
def test_the_home_page_logs_its_route(client, json_log):
    client.get("/")
    access = next(line for line in _lines(json_log) if line["logger"] == "loket.access")
    assert access["route"] == "/" and access["status"] == 200


@pytest.mark.django_db
def test_a_path_with_quotes_and_markup_still_gives_valid_json(client, json_log):
    response = client.get('/nergens/"quoted"<b>\\n/')
    assert response.status_code == 404
    lines = _lines(json_log)
    not_found = next(line for line in lines if line["logger"] == "django.request")
    assert not_found["message"] == "Not Found: <unresolved>"
    assert "quoted" not in json_log.getvalue()


def test_a_traceback_stays_on_its_line(json_log):
    log = logging.getLogger("loket.test")
    try:
        {}["missing"]
    except KeyError:
        log.exception('task "x" failed\nsecond line')
    (line,) = _lines(json_log)
    assert line["message"] == 'task "x" failed\nsecond line'
    assert line["traceback"].startswith("Traceback (most recent call last):")
    assert "KeyError: 'missing'" in line["traceback"]
    assert line["request_id"] == "-"  # outside a request


@pytest.mark.django_db
def test_request_id_from_a_trusted_proxy_is_kept_and_an_untrusted_one_replaced(settings):
    settings.LOKET_TRUST_PROXY = False
    response = Client().get("/health/live", HTTP_X_REQUEST_ID="proxy-id-0123456789")
    assert response["X-Request-ID"] != "proxy-id-0123456789" and len(response["X-Request-ID"]) == 32

    settings.LOKET_TRUST_PROXY = True
    assert Client().get("/health/live", HTTP_X_REQUEST_ID="proxy-id-0123456789")["X-Request-ID"] == (
        "proxy-id-0123456789"
    )
    # Even a trusted proxy cannot put arbitrary text on the log lines.
    forged = Client().get("/health/live", HTTP_X_REQUEST_ID='x"}\n{"level": "CRITICAL"')["X-Request-ID"]
    assert '"' not in forged and len(forged) == 32
