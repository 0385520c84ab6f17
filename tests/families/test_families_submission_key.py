"""The check page's idempotency key: a submit repeated with the same key (pressed twice, or retried by a client after
an error whose answer was lost) registers the family once and shows the same file number."""

import re

import pytest
from django.core import mail
from families_helpers import next_month

from loket.core.models import OutgoingMail
from loket.demand.models import Child, ChildcareRequest, Family, StatusChange
from loket.families.models import RegistrationDraft, SubmittedRegistration
from loket.families.services import registration_submit
from loket.families.wizard import registration_from_draft

pytestmark = pytest.mark.django_db(transaction=True)

BASE = "/gezin/aanvraag/stap/"
KEY = re.compile(r'name="submission_key" value="([A-Za-z0-9_-]+)"')


def walk_to_check_page(client, area, email="ouder@example.org") -> str:
    """Answer every page; returns the idempotency key the check page hands out."""
    client.post(BASE + "woonplaats/", {"postcode": "9800"})
    client.post(BASE + "kinderen/", {"count": "1"})
    client.post(BASE + "kind/", {"c1_first_name": "Noor", "c1_born": "yes", "c1_date": "2026-06-01"})
    care = {"start_earliest": next_month(3), "start_latest": next_month(6), "weekdays": ["1", "2"]}
    client.post(BASE + "opvang/", care | {"tariffs": ["income"]})
    for location in area["locations"][:2]:
        client.post(BASE + "keuzes/", {"action": "add", "location": str(location.pk)})
    client.post(BASE + "keuzes/", {"action": "next"})
    client.post(BASE + "voorrang/", {"work": "on"})
    contact = {
        "first_name": "Sara",
        "last_name": "Peeters",
        "email": email,
        "phone": "+32 470 12 34 56",
        "preferred_language": "nl",
        "sign_in": "link",
    }
    assert client.post(BASE + "contact/", contact).status_code == 302
    page = client.get(BASE + "controle/").content.decode()
    found = KEY.search(page)
    assert found, "the check page carries no idempotency key"
    return found.group(1)


def test_the_same_key_twice_makes_one_registration_and_shows_the_same_file(client, area):
    key = walk_to_check_page(client, area)
    first = client.post(BASE + "controle/", {"sworn": "on", "consent": "on", "submission_key": key})
    assert first.status_code == 302 and first.url == "/gezin/aanvraag/klaar/"
    reference = Family.objects.get().reference
    # The answer was lost; the client sends the same form again (the draft is gone by now).
    client.logout()
    again = client.post(BASE + "controle/", {"sworn": "on", "consent": "on", "submission_key": key})
    assert again.status_code == 302 and again.url == "/gezin/aanvraag/klaar/"
    assert reference in client.get("/gezin/aanvraag/klaar/").content.decode()
    assert (
        Family.objects.count() == 1 and Child.objects.count() == 1 and ChildcareRequest.objects.count() == 1
    )
    assert StatusChange.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["ouder@example.org"]]
    assert OutgoingMail.objects.count() == 1
    # The repeat signs nobody in: only the submit that made the account did.
    assert "_auth_user_id" not in client.session
    sent = SubmittedRegistration.objects.get(key=key)
    assert sent.family.reference == reference and sent.request_ids == [ChildcareRequest.objects.get().pk]


def test_a_second_submit_that_raced_the_first_returns_the_first_registration(client, area):
    """Two submits with one key at the same moment both pass the page's look-up; the key's unique row decides."""
    key = walk_to_check_page(client, area)
    draft = RegistrationDraft.objects.get()
    twin = RegistrationDraft.objects.create(token_hash="b" * 64, data=draft.data)
    first = registration_submit(registration=registration_from_draft(draft), draft=draft, submission_key=key)
    second = registration_submit(registration=registration_from_draft(twin), draft=twin, submission_key=key)
    assert second.replayed and not first.replayed
    assert second.family == first.family and second.requests == first.requests
    assert Family.objects.count() == 1 and ChildcareRequest.objects.count() == 1
    assert OutgoingMail.objects.count() == 1


def test_different_keys_and_pages_without_a_key_register_as_before(client, area):
    key = walk_to_check_page(client, area)
    assert (
        client.post(BASE + "controle/", {"sworn": "on", "consent": "on", "submission_key": key}).status_code
        == 302
    )
    client.logout()
    client.cookies.clear()
    walk_to_check_page(client, area, email="tweede@example.org")
    # A malformed key (and so also a missing one) is ignored: the family is registered, not refused.
    response = client.post(BASE + "controle/", {"sworn": "on", "consent": "on", "submission_key": "<x>"})
    assert response.status_code == 302 and response.url == "/gezin/aanvraag/klaar/"
    assert Family.objects.count() == 2 and SubmittedRegistration.objects.count() == 1


def test_a_refused_check_page_keeps_no_key(client, area):
    key = walk_to_check_page(client, area)
    response = client.post(BASE + "controle/", {"consent": "on", "submission_key": key})
    assert response.status_code == 400 and not SubmittedRegistration.objects.exists()
    assert Family.objects.count() == 0
