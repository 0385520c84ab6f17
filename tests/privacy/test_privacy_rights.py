import json
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from loket.accounts.choices import Role
from loket.audit.models import AuditEvent
from loket.demand.lifecycle import Status
from loket.demand.models import ChildcareRequest, Guardian
from loket.demand.services import request_change_status
from loket.privacy.inventory import missing_from_inventory, stale_inventory_entries
from loket.privacy.models import ErasureRequest
from loket.privacy.services import erasure_request_carry_out, family_anonymise, retention_apply
from loket.testing.factories import DEFAULT_PASSWORD, make_desk, make_family, make_request, make_user

pytestmark = pytest.mark.django_db


def test_every_model_field_is_classified_in_the_data_inventory():
    assert missing_from_inventory() == []
    assert stale_inventory_entries() == []


@pytest.fixture
def parent_with_request(client):
    parent = make_user()
    family = make_family(user=parent)
    Guardian.objects.filter(family=family).update(
        first_name="Olga", last_name="Ouder", email="olga@example.org"
    )
    request = make_request(family, low_income=True, work=True, first_name="Mila")
    client.login(username=parent.email, password=DEFAULT_PASSWORD)
    return parent, family, request


def test_a_family_downloads_everything_held_about_it_as_json(client, parent_with_request):
    _, family, _ = parent_with_request
    other = make_request(make_family(family.desk), first_name="Noor")
    response = client.get("/gezin/mijn-gegevens/download.json")
    assert response["Content-Disposition"].endswith(f'loket-{family.reference}.json"')
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    assert "Olga" in text and "Mila" in text and family.reference in text
    assert "Inkomen" in text or "inkomen" in text  # the declared facts, in the family's language
    assert "Noor" not in text and other.child.family.reference not in text
    assert AuditEvent.objects.filter(event="family.exported", family_id=family.pk).exists()


def test_the_pdf_download_is_a_pdf(client, parent_with_request):
    response = client.get("/gezin/mijn-gegevens/download.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_family_sees_who_viewed_its_file(client, parent_with_request):
    _, family, request = parent_with_request
    desk_worker = make_user(Role.DESK_WORKER, desk=family.desk, email="bart@loket.example")
    desk_worker.full_name = "Bart Balie"
    desk_worker.save()
    from loket.audit.services import audit_record

    audit_record(
        actor=desk_worker, event="request.viewed", obj=request, desk_id=family.desk_id, family_id=family.pk
    )
    page = client.get("/gezin/mijn-gegevens/").content.decode()
    assert "Bart Balie" in page and "bekeek de aanvraag" in page


def test_staff_and_strangers_cannot_open_a_familys_privacy_page(client):
    worker = make_user(Role.DESK_WORKER, desk=make_desk())
    client.login(username=worker.email, password=DEFAULT_PASSWORD)
    assert client.get("/gezin/mijn-gegevens/").status_code == 403
    assert client.get("/gezin/mijn-gegevens/download.json").status_code == 403


def test_erasure_request_then_carried_out_by_the_desk(client, parent_with_request):
    parent, family, request = parent_with_request
    response = client.post(
        "/gezin/mijn-gegevens/wissen/", {"message": "We verhuizen naar Spanje"}, follow=True
    )
    assert "We hebben uw vraag goed ontvangen" in response.content.decode()
    erasure = ErasureRequest.objects.get(family=family)
    admin = make_user(Role.DESK_ADMIN, desk=family.desk)
    with pytest.raises(ValueError, match="open"):
        erasure_request_carry_out(erasure=erasure, actor=admin)
    request_change_status(request=request, to=Status.WITHDRAWN, reason="Verhuis")
    erasure_request_carry_out(erasure=erasure, actor=admin)
    family.refresh_from_db()
    guardian = family.guardians.get()
    child = family.children.get()
    assert family.anonymised_at is not None
    assert (guardian.first_name, guardian.email, guardian.user) == ("", "", None)
    assert child.first_name == "" and child.birth_date.day in (1, 15, 30)
    assert (child.birth_date.year, child.birth_date.month) == (2026, 9)
    parent.refresh_from_db()
    assert not parent.is_active and "olga" not in parent.email
    # What the statistics need stays.
    kept = ChildcareRequest.objects.get(pk=request.pk)
    assert kept.status == Status.WITHDRAWN and kept.low_income and kept.registered_at == request.registered_at


def test_retention_anonymises_only_after_the_desks_period():
    desk = make_desk(retention_months=24)
    old = make_request(make_family(desk))
    recent = make_request(make_family(desk))
    waiting = make_request(make_family(desk))
    for request in (old, recent):
        request_change_status(request=request, to=Status.WITHDRAWN)
    ChildcareRequest.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=25 * 31))
    ChildcareRequest.objects.filter(pk=recent.pk).update(closed_at=timezone.now() - timedelta(days=20 * 31))
    ChildcareRequest.objects.filter(pk=waiting.pk).update(registered_at=timezone.now() - timedelta(days=1000))
    assert retention_apply() == 1
    old.child.family.refresh_from_db()
    recent.child.family.refresh_from_db()
    assert old.child.family.anonymised_at is not None
    assert recent.child.family.anonymised_at is None
    assert retention_apply() == 0  # idempotent


def test_anonymising_leaves_other_families_untouched():
    desk = make_desk()
    one, two = (
        make_request(make_family(desk), first_name="Een"),
        make_request(make_family(desk), first_name="Twee"),
    )
    family_anonymise(family=one.child.family, reason="test")
    two.child.refresh_from_db()
    assert two.child.first_name == "Twee"
    # The reports' summary follows its source tables: the name key is gone for one family only.
    from loket.reports.models import RequestSummary

    assert RequestSummary.objects.get(request=one).name_key is None
    assert RequestSummary.objects.get(request=two).name_key.startswith("twee|")


def test_the_data_inventory_document_is_current():
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    out = StringIO()
    call_command("data_inventory", stdout=out)
    document = Path(__file__).resolve().parents[2] / "docs" / "data-inventory.md"
    assert document.read_text() == out.getvalue(), "run: loket-manage data_inventory > docs/data-inventory.md"


@pytest.fixture
def erasure_to_handle():
    desk = make_desk()
    family = make_family(desk)
    request = make_request(family, first_name="Wisse")
    erasure = ErasureRequest.objects.create(family=family, desk=desk, message="Alles weg")
    admin = make_user(Role.DESK_ADMIN, desk=desk)
    return erasure, request, admin


def test_the_erasure_page_previews_refuses_an_open_file_and_wants_a_confirmation(client, erasure_to_handle):
    erasure, request, admin = erasure_to_handle
    client.login(username=admin.email, password=DEFAULT_PASSWORD)
    listing = client.get("/loket/wissen/").content.decode()
    assert f"/loket/wissen/{erasure.pk}/" in listing
    page = client.get(f"/loket/wissen/{erasure.pk}/").content.decode()
    assert "1 ouder of voogd" in page and "1 kind:" in page and "Wat blijft" in page
    assert "nog een open aanvraag" in page and 'name="confirm"' not in page
    request_change_status(request=request, to=Status.WITHDRAWN, reason="Verhuis")
    response = client.post(f"/loket/wissen/{erasure.pk}/", {})
    assert response.status_code == 400 and "Vink het vakje aan" in response.content.decode()
    erasure.family.refresh_from_db()
    assert erasure.family.anonymised_at is None
    response = client.post(f"/loket/wissen/{erasure.pk}/", {"confirm": "on"})
    assert response.status_code == 302
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.DONE and erasure.handled_by == admin
    assert request.child.family.children.get().first_name == ""
    assert "Er zijn geen persoonsgegevens" not in client.get(f"/loket/wissen/{erasure.pk}/").content.decode()


def test_a_desk_worker_and_another_desks_admin_cannot_erase(client, erasure_to_handle):
    erasure, _request, _admin = erasure_to_handle
    worker = make_user(Role.DESK_WORKER, desk=erasure.desk)
    client.login(username=worker.email, password=DEFAULT_PASSWORD)
    assert client.get(f"/loket/wissen/{erasure.pk}/").status_code == 403
    other = make_user(Role.DESK_ADMIN, desk=make_desk())
    client.login(username=other.email, password=DEFAULT_PASSWORD)
    assert client.get(f"/loket/wissen/{erasure.pk}/").status_code == 404
    assert client.post(f"/loket/wissen/{erasure.pk}/", {"confirm": "on"}).status_code == 404


def test_the_admin_action_shows_the_same_preview_before_erasing(client, erasure_to_handle):
    erasure, request, admin = erasure_to_handle
    request_change_status(request=request, to=Status.WITHDRAWN, reason="Verhuis")
    client.login(username=admin.email, password=DEFAULT_PASSWORD)
    url = "/beheer/privacy/erasurerequest/"
    chosen = {"action": "carry_out", "_selected_action": [str(erasure.pk)]}
    page = client.post(url, chosen)
    assert page.status_code == 200 and "1 ouder of voogd" in page.content.decode()
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.RECEIVED  # nothing happened yet
    client.post(url, chosen | {"confirm": "yes"})
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.DONE


def test_families_are_named_by_a_pseudonymous_id_in_the_audit_trail_staff_by_address(
    client, parent_with_request
):
    parent, family, _request = parent_with_request
    client.get("/gezin/mijn-gegevens/download.json")
    event = AuditEvent.objects.get(event="family.exported")
    assert event.actor_label == f"person-{parent.pk}" and event.actor_id == parent.pk
    worker = make_user(Role.DESK_WORKER, desk=family.desk, email="bart@loket.example")
    from loket.audit.services import audit_record

    assert audit_record(actor=worker, event="request.viewed", obj=family).actor_label == "bart@loket.example"


def test_the_pdf_download_survives_markup_and_control_characters_in_what_the_family_typed(
    client, parent_with_request
):
    _parent, family, _request = parent_with_request
    # PostgreSQL cannot store NUL at all; SQLite can, from before the middleware refused it at the door.
    nul = "" if connection.vendor == "postgresql" else "\x00"
    Guardian.objects.filter(family=family).update(
        first_name="<b>Olga & <i", last_name=f"</para><font name='x'>{nul}\x1b\u202e", phone="<br"
    )
    response = client.get("/gezin/mijn-gegevens/download.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event="family.exported", family_id=family.pk).count() == 1


def test_a_failed_pdf_is_not_recorded_as_exported(client, parent_with_request, monkeypatch):
    _parent, family, _request = parent_with_request

    def broken(**kwargs):
        raise RuntimeError("reportlab failed")

    monkeypatch.setattr("loket.privacy.views.export_pdf", broken)
    client.raise_request_exception = False
    assert client.get("/gezin/mijn-gegevens/download.pdf").status_code == 500
    assert not AuditEvent.objects.filter(event="family.exported", family_id=family.pk).exists()
