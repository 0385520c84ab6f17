"""Floods: fifteen sign-in link requests in a row do not send fifteen mails; registrations, password resets and
failed sign-ins are limited per network address and per e-mail address, with a friendly message that keeps what was
typed."""

import pytest
from django.core import mail
from test_families_registration import answer_all

from loket.core.models import OutgoingMail
from loket.demand.models import ChildcareRequest
from loket.testing.factories import make_family, make_user

pytestmark = pytest.mark.django_db


def test_fifteen_sign_in_link_requests_send_three_mails(client, area):
    parent = make_user(email="vloed@example.org")
    make_family(area["desk"], user=parent)
    answers = [client.post("/gezin/aanmelden/", {"email": "vloed@example.org"}) for _ in range(15)]
    assert [r.status_code for r in answers].count(200) == 3
    refused = answers[-1]
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Probeer het over" in page and 'value="vloed@example.org"' in page  # the typed address is kept
    assert sum("vloed@example.org" in m.to for m in OutgoingMail.objects.all()) == 3


def test_sign_in_links_are_limited_per_network_address_too(client, area, settings):
    settings.LOKET_RATE_LIMITS = {"families.sign_in_link": {"per_address": 4, "per_key": 3, "window": 3600}}
    answers = [client.post("/gezin/aanmelden/", {"email": f"ouder{n}@example.org"}) for n in range(6)]
    assert [r.status_code for r in answers] == [200, 200, 200, 200, 429, 429]


@pytest.mark.django_db(transaction=True)
def test_registrations_are_limited_and_the_answers_stay(client, area, settings):
    settings.LOKET_RATE_LIMITS = {"families.registration": {"per_address": 1, "per_key": 3, "window": 3600}}
    assert answer_all(client, area, email="een@example.org").url == "/gezin/aanvraag/klaar/"
    client.logout()
    response = answer_all(client, area, email="twee@example.org")
    assert response.url == "/gezin/aanvraag/stap/controle/"
    page = client.get(response.url).content.decode()
    assert "Probeer het over" in page and "twee@example.org" in page  # the answers are still in the draft
    assert ChildcareRequest.objects.count() == 1
    assert len(mail.outbox) == 1


def test_password_reset_links_are_limited_per_address(client, db):
    make_user(email="personeel@example.org")
    answers = [
        client.post("/account/wachtwoord-vergeten/", {"email": "personeel@example.org"}) for _ in range(5)
    ]
    assert [r.status_code for r in answers] == [302, 302, 302, 429, 429]
    assert 'value="personeel@example.org"' in answers[-1].content.decode()


def test_failed_code_sign_ins_lock_the_file_number(client, area):
    family = make_family(area["desk"])
    for _ in range(5):
        client.post("/gezin/aanmelden/code/", {"reference": family.reference, "code": "000000"})
    page = client.post(
        "/gezin/aanmelden/code/", {"reference": family.reference, "code": "000000"}
    ).content.decode()
    assert "Te veel pogingen" in page
