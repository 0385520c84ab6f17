"""Signing in without a password: a one-time link by e-mail (signed, time-limited, single use)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from families_helpers import link_from_outbox

from loket.accounts.choices import Role
from loket.families.models import SignInLink
from loket.testing.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parent_signs_in_with_a_link_that_works_once(client, parent_request):
    user, _request = parent_request
    response = client.post("/gezin/aanmelden/", {"email": user.email.upper()})
    assert response.status_code == 200 and "Kijk in uw mailbox" in response.content.decode()
    path = "/" + link_from_outbox(user.email).split("/", 3)[3]
    assert "aanmeldlink" in mail.outbox[-1].subject
    assert client.get(path).status_code == 200  # opening the link (a mail scanner) does not use it
    response = client.post(path)
    assert response.status_code == 302 and response.url == "/gezin/"
    assert "Mila" in client.get("/gezin/").content.decode()
    client.logout()
    assert client.post(path).status_code == 410  # used once
    assert client.get("/gezin/").status_code == 302


def test_an_expired_or_forged_link_does_not_work(client, parent_request):
    user, _request = parent_request
    client.post("/gezin/aanmelden/", {"email": user.email})
    path = "/" + link_from_outbox(user.email).split("/", 3)[3]
    SignInLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.post(path).status_code == 410
    assert client.post(path.replace("link/", "link/x")).status_code == 410


def test_unknown_addresses_and_staff_get_the_same_answer_and_no_mail(client, area):
    staff = make_user(Role.DESK_WORKER, desk=area["desk"])
    for email in ("niemand@example.org", staff.email):
        response = client.post("/gezin/aanmelden/", {"email": email})
        assert response.status_code == 200 and "Kijk in uw mailbox" in response.content.decode()
    assert mail.outbox == []
    assert SignInLink.objects.count() == 0


def test_a_wrong_address_gets_a_clear_message(client, db):
    response = client.post("/gezin/aanmelden/", {"email": "geen-adres"})
    assert response.status_code == 400
    assert "naam@voorbeeld.be" in response.content.decode()


def test_the_header_and_family_pages_offer_the_link_sign_in_first(client, db):
    home = client.get("/").content.decode()
    assert 'class="loket-nav__account"><a href="/gezin/aanmelden/"' in home
    response = client.get("/gezin/")
    assert response.status_code == 302 and response.url.startswith("/gezin/aanmelden/?next=")
    page = client.get(response.url).content.decode()
    # The link form comes first, the password and the access code after it.
    assert (
        page.index('name="email"') < page.index("/account/aanmelden/") < page.index("/gezin/aanmelden/code/")
    )
    assert "next=/gezin/" in page.replace("%2F", "/")
    # Staff who land on the password page can still find the parent's way.
    assert "/gezin/aanmelden/" in client.get("/account/aanmelden/").content.decode()


def test_the_language_a_parent_chose_is_kept_across_sign_in(client, parent_request):
    from django.conf import settings
    from django.test import Client

    from loket.families.services import sign_in_link_send

    user, request = parent_request
    client.force_login(user)
    # The parent switches to Arabic in the header: kept on the account and the family.
    client.post("/taal/", {"language": "ar", "next": "/gezin/"})
    user.refresh_from_db()
    request.child.family.refresh_from_db()
    assert user.preferred_language == "ar" and request.child.family.preferred_language == "ar"
    # A new browser that speaks French signs in with a link: the page comes in Arabic, and the cookie keeps it.
    browser = Client(HTTP_ACCEPT_LANGUAGE="fr")
    sign_in_link_send(email=user.email)
    link = link_from_outbox(user.email)
    from urllib.parse import urlsplit

    response = browser.post(urlsplit(link).path)
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    page = browser.get("/gezin/")
    assert '<html lang="ar" dir="rtl"' in page.content.decode()
