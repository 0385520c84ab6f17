import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.choices import Role
from loket.accounts.models import User
from loket.testing.factories import DEFAULT_PASSWORD, make_desk, make_user

pytestmark = pytest.mark.django_db


def _sign_in(client, email, password):
    return client.post("/account/aanmelden/", {"username": email, "password": password})


def test_repeated_failures_lock_the_account_for_a_while_even_with_the_right_password(client):
    user = make_user()
    for _ in range(5):
        assert "niet juist" in _sign_in(client, user.email, "fout-wachtwoord").content.decode()
    refused = _sign_in(client, user.email, DEFAULT_PASSWORD).content.decode()
    assert "Te veel pogingen" in refused
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_clears_earlier_failures(client):
    user = make_user()
    for _ in range(4):
        _sign_in(client, user.email, "fout-wachtwoord")
    assert _sign_in(client, user.email, DEFAULT_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _sign_in(client, user.email, "fout-wachtwoord")
    assert _sign_in(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_lockout_does_not_reveal_whether_an_account_exists(client):
    for _ in range(5):
        _sign_in(client, "niemand@example.org", "x")
    assert "Te veel pogingen" in _sign_in(client, "niemand@example.org", "x").content.decode()


def test_password_reset_mail_comes_in_the_persons_language_and_the_link_works_once(
    client, django_capture_on_commit_callbacks
):
    user = make_user()
    user.preferred_language = "en"
    user.save()
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # through the outbox, sent once the request commits
        response = client.post("/account/wachtwoord-vergeten/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Choose a new password for Loket"
    link = re.search(r"http://testserver(/account/wachtwoord-kiezen/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "een-nieuw-en-lang-wachtwoord-42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
        follow=True,
    )
    assert "nieuwe wachtwoord is bewaard" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert "werkt niet meer" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "onbekend@example.org"}, follow=True)
    assert "Kijk in uw mailbox" in response.content.decode()
    assert mail.outbox == []


@pytest.fixture
def enforced(settings):
    settings.LOKET_STAFF_2FA = True


def test_staff_must_set_up_a_second_factor_before_any_staff_page(client, enforced):
    worker = make_user(Role.DESK_WORKER, desk=make_desk())
    client.login(username=worker.email, password=DEFAULT_PASSWORD)
    response = client.get("/loket/")
    assert response.status_code == 302
    assert response.url.startswith("/account/tweede-stap/instellen/")
    setup_page = client.get(response.url)
    assert "QR" in setup_page.content.decode()
    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    wrong = client.post(response.url, {"code": "000000", "next": "/loket/"})
    assert "niet juist" in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a wrong code slows down the next try (brute force)
    device.throttle_reset()
    code = f"{totp(device.bin_key):06d}"
    assert client.post(response.url, {"code": code, "next": "/loket/"}).url == "/loket/"
    assert client.get("/loket/").status_code == 200


def test_staff_with_a_device_are_asked_for_a_code_on_every_new_session(client, enforced):
    worker = make_user(Role.DESK_WORKER, desk=make_desk())
    device = TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
    client.login(username=worker.email, password=DEFAULT_PASSWORD)
    response = client.get("/beheer/")
    assert response.url.startswith("/account/tweede-stap/?next=")
    assert (
        client.post("/account/tweede-stap/", {"code": f"{totp(device.bin_key):06d}", "next": "/loket/"}).url
        == "/loket/"
    )
    assert client.get("/loket/").status_code == 200


def test_parents_are_not_asked_for_a_second_factor(client, enforced):
    from loket.testing.factories import make_family, make_request

    parent = make_user()
    make_request(make_family(user=parent))
    client.login(username=parent.email, password=DEFAULT_PASSWORD)
    assert client.get("/gezin/").status_code == 200


def test_security_headers_forbid_inline_scripts_and_framing(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_of_signed_in_people_are_not_cached(client):
    user = User.objects.create_user(email="a@example.org", password=DEFAULT_PASSWORD)
    client.login(username=user.email, password=DEFAULT_PASSWORD)
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_file_uploads_are_limited(client):
    """Only the support desk takes files (checked by content there); more than five in one request are refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [SimpleUploadedFile(f"{n}.txt", b"x") for n in range(6)]
    response = client.post("/account/aanmelden/", {"file": files})
    assert response.status_code == 400
