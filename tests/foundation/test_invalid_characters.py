"""NUL bytes and control characters in an address, a query string, a form or the API's JSON: a 400 page in the
user's language, never a server error (PostgreSQL refuses NUL in text)."""

import pytest

from loket.accounts.choices import Role
from loket.testing.factories import DEFAULT_PASSWORD, make_desk, make_family, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(client):
    desk = make_desk()
    user = make_user(Role.DESK_WORKER, desk=desk)
    client.login(username=user.email, password=DEFAULT_PASSWORD)
    return user, make_family(desk)


@pytest.mark.parametrize(
    "url",
    [
        "/loket/dossier/AB12%00/",
        "/loket/dossier/AB12\x1b/",
        "/loket/opvolging/?q=%00",
        "/rapporten/?date_to=2026-01-01%00",
        "/gezin/aanmelden/?next=/%00",
    ],
)
def test_control_characters_in_the_address_get_a_plain_400(client, worker, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "konden deze vraag niet lezen" in response.content.decode()


def test_a_nul_in_a_form_value_gets_400_and_nothing_is_saved(client, worker):
    _user, family = worker
    response = client.post(f"/loket/dossier/{family.reference}/notitie/", {"text": "Notitie\x00"})
    assert response.status_code == 400
    from loket.casework.models import Note

    assert not Note.objects.filter(family=family).exists()


def test_other_control_characters_in_a_form_reach_the_form(client):
    response = client.post("/gezin/aanmelden/", {"email": "ouder\x0c@example.org"})
    assert response.status_code == 400 and "e-mailadres" in response.content.decode()
    assert 'name="email"' in response.content.decode()


def test_a_nul_in_api_json_gets_400(client):
    response = client.post(
        "/api/v1/provider/placements", data='{"name": "a\\u0000b"}', content_type="application/json"
    )
    assert response.status_code == 400


def test_the_api_answers_in_its_own_error_shape(client):
    response = client.get("/api/v1/open/locations", {"q": "a\x00b"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400
