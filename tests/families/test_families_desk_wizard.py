"""The desk's registration on a family's behalf: the same wizard in the worker's words, urgency set at once, a likely
duplicate shown before saving (with a link to its file and an explicit "register anyway"), and the end on the file."""

from datetime import date

import pytest
from families_helpers import next_month

from loket.audit.models import AuditEvent
from loket.demand.models import ChildcareRequest
from loket.testing.factories import make_family, make_request

pytestmark = pytest.mark.django_db

DESK = "/loket/inschrijven/stap/"
CONTACT = {
    "first_name": "Youssef",
    "last_name": "El Amrani",
    "phone": "+32 470 11 22 33",
    "preferred_language": "nl",
    "channel": "phone",
}


def walk_to_check(client, area, *, first_name="Lina", born="2026-06-01", contact=CONTACT, number=""):
    assert client.post(DESK + "woonplaats/", {"postcode": "9800"}).status_code == 302
    assert client.post(DESK + "kinderen/", {"count": "1"}).status_code == 302
    child = {"c1_first_name": first_name, "c1_born": "yes", "c1_date": born, "c1_national_number": number}
    response = client.post(DESK + "kind/", child)
    assert response.status_code == 302, response.content.decode()[:2000]
    care = {"start_earliest": next_month(3), "start_latest": next_month(6), "weekdays": ["1", "2", "4"]}
    assert client.post(DESK + "opvang/", care | {"tariffs": ["income", "free"]}).status_code == 302
    client.post(DESK + "keuzes/", {"action": "add", "location": str(area["locations"][0].pk)})
    assert client.post(DESK + "keuzes/", {"action": "next"}).status_code == 302
    assert client.post(DESK + "voorrang/", {"work": "on"}).status_code == 302
    assert client.post(DESK + "contact/", contact).status_code == 302


def test_the_desk_wizard_speaks_to_the_worker(client, area, desk_worker):
    client.force_login(desk_worker)
    body = client.get(DESK + "woonplaats/").content.decode()
    assert "Postcode van het gezin" in body and "Wat is uw postcode?" not in body
    client.post(DESK + "woonplaats/", {"postcode": "9800"})
    body = client.get(DESK + "kinderen/").content.decode()
    assert "Hoeveel kinderen schrijft het gezin in?" in body
    # The website keeps speaking to the parent.
    client.logout()
    assert "Wat is uw postcode?" in client.get("/gezin/aanvraag/stap/woonplaats/").content.decode()


def test_urgency_is_set_in_the_wizard_with_its_reason(client, area, desk_worker):
    client.force_login(desk_worker)
    walk_to_check(client, area)
    without_reason = client.post(DESK + "controle/", {"sworn": "on", "consent": "on", "urgent": "on"})
    assert without_reason.status_code == 400
    assert "Geef de reden" in without_reason.content.decode()
    assert not ChildcareRequest.objects.exists()
    response = client.post(
        DESK + "controle/",
        {"sworn": "on", "consent": "on", "urgent": "on", "urgency_reason": "Opleiding start over drie weken"},
    )
    assert response.status_code == 302
    request = ChildcareRequest.objects.get()
    assert request.urgent and request.urgency_reason == "Opleiding start over drie weken"
    assert request.urgency_set_by == desk_worker
    assert AuditEvent.objects.filter(event="request.urgency_set", family_id=request.child.family_id).exists()
    # The confirmation leads to the new file.
    done = client.get(response.url).content.decode()
    assert f'href="/loket/dossier/{request.child.family.reference}/"' in done


def test_a_likely_duplicate_is_shown_before_saving(client, area, desk_worker):
    existing_family = make_family(area["desk"])
    existing_family.guardians.update(last_name="El Amrani")
    existing = make_request(
        existing_family, locations=area["locations"][:1], first_name="Lina", birth_date=date(2026, 6, 1)
    )
    client.force_login(desk_worker)
    walk_to_check(client, area)
    check = client.get(DESK + "controle/").content.decode()
    assert "Dit kind is misschien al ingeschreven" in check
    assert f'href="/loket/dossier/{existing_family.reference}/"' in check
    refused = client.post(DESK + "controle/", {"sworn": "on", "consent": "on"})
    assert refused.status_code == 400
    assert ChildcareRequest.objects.count() == 1
    response = client.post(DESK + "controle/", {"sworn": "on", "consent": "on", "register_anyway": "on"})
    assert response.status_code == 302
    assert ChildcareRequest.objects.count() == 2
    assert existing.pk in ChildcareRequest.objects.values_list("pk", flat=True)


def test_another_child_of_another_parent_is_no_duplicate(client, area, desk_worker):
    other = make_family(area["desk"])
    other.guardians.update(last_name="Janssens", phone="0499 99 99 99")

    make_request(other, locations=area["locations"][:1], first_name="Lina", birth_date=date(2026, 6, 1))
    client.force_login(desk_worker)
    walk_to_check(client, area)
    assert "misschien al ingeschreven" not in client.get(DESK + "controle/").content.decode()
    assert client.post(DESK + "controle/", {"sworn": "on", "consent": "on"}).status_code == 302


def test_the_same_phone_number_with_the_same_child_is_a_duplicate(client, area, desk_worker):

    other = make_family(area["desk"])
    guardian = other.guardians.get()
    guardian.last_name, guardian.phone = "Amrani", "0470/11.22.33"
    guardian.save()
    make_request(other, locations=area["locations"][:1], first_name="lina", birth_date=date(2026, 6, 1))
    client.force_login(desk_worker)
    walk_to_check(client, area)
    assert "misschien al ingeschreven" in client.get(DESK + "controle/").content.decode()
