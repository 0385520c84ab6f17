"""The case view of one family and what a desk worker does from it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from loket.audit.models import AuditEvent
from loket.casework import services
from loket.casework.models import ContactMoment, Note, Task
from loket.demand.lifecycle import Status
from loket.demand.models import Child, ChildcareRequest, StatusChange
from loket.privacy.services import family_anonymise
from loket.testing.factories import make_family, make_location, make_municipality, make_request

pytestmark = pytest.mark.django_db


def test_the_case_view_is_audited_and_shows_the_timeline(client, world):
    client.force_login(world.worker_a)
    client.post(
        f"/loket/dossier/{world.family_a.reference}/contact/",
        {
            "kind": "phone",
            "reached": "on",
            "interpreter_used": "on",
            "interpreter_language": "Arabisch",
            "summary": "Gebeld over de start",
        },
    )
    client.post(f"/loket/dossier/{world.family_a.reference}/notitie/", {"text": "Moeder zoekt werk in Gent"})
    client.post(f"/loket/aanvraag/{world.request_a.pk}/dringend/", {"reason": "Start opleiding over 3 weken"})
    response = client.get(f"/loket/dossier/{world.family_a.reference}/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Gebeld over de start",
        "Arabisch",
        "Moeder zoekt werk in Gent",
        "Start opleiding over 3 weken",
        "Amira",
    ):
        assert text in body
    assert AuditEvent.objects.filter(
        event="case.viewed", family_id=world.family_a.pk, actor=world.worker_a
    ).exists()
    contact = ContactMoment.objects.get(family=world.family_a)
    assert contact.interpreter_used and contact.by == world.worker_a
    world.request_a.refresh_from_db()
    assert world.request_a.urgent and world.request_a.urgency_set_by == world.worker_a


def test_urgency_needs_a_reason_and_can_be_lifted(client, world):
    client.force_login(world.worker_a)
    url = f"/loket/aanvraag/{world.request_a.pk}/dringend/"
    assert client.post(url, {"reason": ""}).status_code == 200
    world.request_a.refresh_from_db()
    assert not world.request_a.urgent
    client.post(url, {"reason": "Dakloos geworden"})
    client.post(url, {"reason": "Opvang gevonden via OCMW"})
    world.request_a.refresh_from_db()
    assert not world.request_a.urgent
    events = list(
        AuditEvent.objects.filter(family_id=world.family_a.pk, event__startswith="request.urgency")
        .order_by("pk")
        .values_list("event", flat=True)
    )
    assert events == ["request.urgency_set", "request.urgency_lifted"]


def test_confirming_priority_facts_records_where_the_proof_was_seen(client, world):
    client.force_login(world.worker_a)
    url = f"/loket/aanvraag/{world.request_a.pk}/voorrang/"
    assert client.post(url, {"low_income": "on"}).status_code == 200  # no "where seen": refused
    world.request_a.refresh_from_db()
    assert world.request_a.facts_confirmed_at is None
    client.post(
        url, {"low_income": "on", "single_parent": "on", "proof_seen": "Aanslagbiljet getoond aan de balie"}
    )
    world.request_a.refresh_from_db()
    assert world.request_a.low_income and world.request_a.single_parent
    assert world.request_a.facts_proof_seen == "Aanslagbiljet getoond aan de balie"
    assert world.request_a.facts_confirmed_by == world.worker_a


def test_a_desk_worker_of_another_desk_gets_404_everywhere(client, world):
    note = services.note_add(family=world.family_a, text="Geheim", actor=world.worker_a)
    task = services.task_add(
        family=world.family_a,
        title="Bellen",
        due_on=timezone.localdate(),
        owner=world.worker_a,
        actor=world.worker_a,
    )
    client.force_login(world.worker_b)
    ref, pk = world.family_a.reference, world.request_a.pk
    for url in (
        f"/loket/dossier/{ref}/",
        f"/loket/dossier/{ref}/notitie/",
        f"/loket/dossier/{ref}/contact/",
        f"/loket/dossier/{ref}/taak/",
        f"/loket/dossier/{ref}/doorverwijzen/",
        f"/loket/aanvraag/{pk}/dringend/",
        f"/loket/aanvraag/{pk}/voorrang/",
        f"/loket/aanvraag/{pk}/samenvoegen/{world.request_b.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/loket/aanvraag/{pk}/nagekeken/",
        f"/loket/aanvraag/{pk}/nog-op-zoek/",
        f"/loket/taken/{task.pk}/klaar/",
    ):
        assert client.post(url).status_code == 404, url
    assert "Geheim" not in client.get("/loket/taken/").content.decode()
    assert Note.objects.get(pk=note.pk).text == "Geheim"


def test_partner_advisers_and_providers_cannot_open_a_case(client, world):
    client.force_login(world.adviser_a)
    assert client.get(f"/loket/dossier/{world.family_a.reference}/").status_code == 403


def test_tasks_have_an_owner_of_the_desk_and_a_due_date(client, world):
    client.force_login(world.worker_a)
    url = f"/loket/dossier/{world.family_a.reference}/taak/"
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert (
        client.post(url, {"title": "Attest ophalen", "due_on": due, "owner": world.worker_b.pk}).status_code
        == 200
    )
    assert not Task.objects.exists()
    client.post(url, {"title": "Attest ophalen", "due_on": due, "owner": world.worker_a.pk})
    task = Task.objects.get()
    assert task.owner == world.worker_a and task.due_on.isoformat() == due
    assert "Attest ophalen" in client.get("/loket/taken/").content.decode()
    client.post(f"/loket/taken/{task.pk}/klaar/")
    task.refresh_from_db()
    assert task.done_at is not None


def _same_child_again(world, registered_at, family=None, **kw):
    first = world.request_a.child
    family = family or make_family(world.desk_a)
    second_location = make_location(municipality=make_municipality(world.desk_a))
    duplicate = make_request(
        family,
        locations=[second_location, world.location_a],
        first_name=first.first_name,
        birth_date=first.birth_date,
        registered_at=registered_at,
        **kw,
    )
    return duplicate, second_location


def test_merging_keeps_the_earliest_registration_date_all_choices_and_history(client, world):
    earlier = world.request_a.registered_at - timedelta(days=40)
    duplicate, second_location = _same_child_again(world, earlier, low_income=True)
    services.note_add(
        family=duplicate.child.family, request=duplicate, text="Via telefoon", actor=world.worker_a
    )
    client.force_login(world.worker_a)
    case_page = client.get(f"/loket/dossier/{world.family_a.reference}/").content.decode()
    merge_url = f"/loket/aanvraag/{world.request_a.pk}/samenvoegen/{duplicate.pk}/"
    assert merge_url in case_page  # offered as a possible duplicate
    assert client.post(merge_url, {}).status_code == 200  # not confirmed
    client.post(merge_url, {"confirm": "on"})
    kept = ChildcareRequest.objects.get(pk=world.request_a.pk)
    duplicate.refresh_from_db()
    assert kept.registered_at == earlier
    assert list(kept.choices.order_by("rank").values_list("location_id", flat=True)) == [
        world.location_a.pk,
        second_location.pk,
    ]
    assert kept.low_income
    assert duplicate.status == Status.WITHDRAWN
    assert StatusChange.objects.filter(request=kept, to_status=Status.REGISTERED).count() == 2
    assert Note.objects.get(text="Via telefoon").request_id == kept.pk
    assert Note.objects.get(text="Via telefoon").family_id == world.family_a.pk


def test_merging_refuses_requests_of_another_desk_or_closed_ones(world):
    with pytest.raises(ValidationError):
        services.requests_merge(kept=world.request_a, duplicate=world.request_b, actor=world.worker_a)
    duplicate, _ = _same_child_again(world, timezone.now())
    services.requests_merge(kept=world.request_a, duplicate=duplicate, actor=world.worker_a)
    with pytest.raises(ValidationError):
        services.requests_merge(kept=world.request_a, duplicate=duplicate, actor=world.worker_a)


def test_anonymising_a_family_clears_its_casework_text(world):
    services.note_add(family=world.family_a, text="Schulden", actor=world.worker_a)
    services.contact_log(family=world.family_a, kind="phone", summary="Over schulden", actor=world.worker_a)
    services.referral_create(
        family=world.family_a,
        partner=world.partner_a,
        need="financial",
        message="Schuldhulp",
        consent_how="telefonisch",
        actor=world.worker_a,
    )
    family_anonymise(family=world.family_a, reason="test")
    assert Note.objects.get().text == ""
    assert ContactMoment.objects.get().summary == ""
    referral = world.family_a.referrals.get()
    assert (referral.message, referral.shared_name, referral.shared_email) == ("", "", "")
    assert Child.objects.filter(family=world.family_a).first().first_name == ""
