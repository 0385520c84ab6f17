from urllib.parse import parse_qs, urlparse

import pytest

from loket.accounts.choices import Role
from loket.testing.factories import make_desk, make_user
from loket.testing.fake_oidc import FakeProvider

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(settings):
    with FakeProvider(client_id="loket", client_secret="shared-secret-for-tests-only-0123456789") as fake:
        settings.OIDC_ENABLED = True
        settings.AUTHENTICATION_BACKENDS = [
            "loket.accounts.oidc.StaffOIDCBackend",
            "django.contrib.auth.backends.ModelBackend",
        ]
        settings.OIDC_RP_CLIENT_ID = fake.client_id
        settings.OIDC_RP_CLIENT_SECRET = fake.client_secret
        settings.OIDC_RP_SIGN_ALGO = "HS256"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{fake.url}/authorize"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{fake.url}/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{fake.url}/userinfo"
        yield fake


def _start(client, provider):
    redirect = client.get("/oidc/authenticate/")
    assert redirect.status_code == 302 and redirect.url.startswith(provider.url + "/authorize")
    query = parse_qs(urlparse(redirect.url).query)
    provider.nonce = query["nonce"][0]
    return query["state"][0]


def test_provisioned_staff_sign_in_through_their_provider(client, provider):
    worker = make_user(Role.DESK_WORKER, desk=make_desk(), email="Bart.Balie@gemeente.example")
    provider.email = "bart.balie@gemeente.example"
    state = _start(client, provider)
    done = client.get("/oidc/callback/", {"code": "good-code", "state": state})
    assert done.status_code == 302 and done.url == "/start/"
    assert int(client.session["_auth_user_id"]) == worker.pk
    assert provider.token_requests[0]["client_id"] == ["loket"]


def test_unknown_people_are_not_given_an_account(client, provider):
    provider.email = "stranger@gemeente.example"
    state = _start(client, provider)
    done = client.get("/oidc/callback/", {"code": "good-code", "state": state})
    assert done.url.startswith("/account/aanmelden/?oidc=mislukt")
    assert "_auth_user_id" not in client.session
    page = client.get(done.url).content.decode()
    assert "beheerder van uw loket" in page


def test_a_forged_state_is_refused(client, provider):
    make_user(Role.DESK_WORKER, desk=make_desk(), email="bart@gemeente.example")
    provider.email = "bart@gemeente.example"
    _start(client, provider)
    done = client.get("/oidc/callback/", {"code": "good-code", "state": "forged"})
    assert "_auth_user_id" not in client.session
    assert done.status_code in (302, 400)


def test_the_sign_in_page_offers_the_provider_only_when_enabled(client, settings):
    settings.OIDC_ENABLED = False
    assert "organisatie" not in client.get("/account/aanmelden/").content.decode()
