"""Referrals to partners (consent, partner's narrow view, accept and close) and the local consultation."""

import pytest
from django.core.exceptions import ValidationError

from loket.audit.models import AuditEvent
from loket.casework import services
from loket.casework.models import ConsultationMeeting, Referral, ReferralStatus
from loket.demand.services import request_set_urgency

pytestmark = pytest.mark.django_db


def _refer(world, partner=None, **kw):
    kw.setdefault("message", "Vraagt hulp bij budget")
    return services.referral_create(
        family=world.family_a,
        partner=partner or world.partner_a,
        need=kw.pop("need", "financial"),
        consent_how="Telefonisch, aan de moeder",
        actor=world.worker_a,
        **kw,
    )


def test_a_referral_needs_the_familys_consent(client, world):
    client.force_login(world.worker_a)
    url = f"/loket/dossier/{world.family_a.reference}/doorverwijzen/"
    base = {
        "partner": world.partner_a.pk,
        "need": "financial",
        "message": "Budgethulp",
        "share_contact": "on",
    }
    assert client.post(url, base).status_code == 200
    assert client.post(url, {**base, "consent_given": "on"}).status_code == 200  # how: missing
    assert not Referral.objects.exists()
    response = client.post(url, {**base, "consent_given": "on", "consent_how": "Aan de balie, mondeling"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.consent_how == "Aan de balie, mondeling" and referral.status == ReferralStatus.SENT
    guardian = world.family_a.guardians.get()
    assert referral.shared_email == guardian.email


def test_only_partners_of_the_desk_can_receive_referrals(world):
    with pytest.raises(ValidationError):
        _refer(world, partner=world.partner_b)


def test_without_sharing_contact_the_partner_gets_no_contact_details(world):
    referral = _refer(world, share_contact=False)
    assert (referral.shared_name, referral.shared_phone, referral.shared_email) == ("", "", "")


def test_the_partner_sees_only_its_referrals_and_nothing_of_the_request(client, world):
    request_set_urgency(
        request=world.request_a, urgent=True, reason="Geheime urgentiereden", actor=world.worker_a
    )
    services.note_add(family=world.family_a, text="Interne notitie", actor=world.worker_a)
    mine = _refer(world)
    other = _refer(world, partner=world.partner_a2, need="language", message="Taalcursus gezocht")
    client.force_login(world.adviser_a)
    listing = client.get("/loket/partner/doorverwijzingen/").content.decode()
    assert f"/loket/partner/doorverwijzingen/{mine.pk}/" in listing
    assert f"/loket/partner/doorverwijzingen/{other.pk}/" not in listing
    assert client.get(f"/loket/partner/doorverwijzingen/{other.pk}/").status_code == 404
    assert client.post(f"/loket/partner/doorverwijzingen/{other.pk}/aanvaarden/").status_code == 404
    detail = client.get(f"/loket/partner/doorverwijzingen/{mine.pk}/").content.decode()
    assert "Vraagt hulp bij budget" in detail and mine.shared_name in detail
    for secret in (
        "Amira",  # the child's name is on the request, not on the referral
        world.location_a.name,
        "Geheime urgentiereden",
        "Interne notitie",
        world.family_a.reference,
        "Taalcursus gezocht",
    ):
        assert secret not in detail, secret
    assert AuditEvent.objects.filter(
        event="referral.viewed", actor=world.adviser_a, family_id=world.family_a.pk
    ).exists()
    # nor the desk's pages
    assert client.get(f"/loket/dossier/{world.family_a.reference}/").status_code == 403
    assert client.get("/loket/doorverwijzingen/").status_code == 403


def test_the_partner_accepts_and_closes_and_the_desk_sees_the_status(client, world):
    referral = _refer(world)
    client.force_login(world.adviser_a)
    client.post(f"/loket/partner/doorverwijzingen/{referral.pk}/aanvaarden/")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.accepted_by == world.adviser_a
    url = f"/loket/partner/doorverwijzingen/{referral.pk}/afsluiten/"
    assert client.post(url, {}).status_code == 200
    client.post(url, {"outcome": "helped", "note": "Budgetbegeleiding gestart"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED and referral.outcome == "helped"
    client.force_login(world.worker_a)
    case = client.get(f"/loket/dossier/{world.family_a.reference}/").content.decode()
    assert "Budgetbegeleiding gestart" in case
    assert world.partner_a.name in client.get("/loket/doorverwijzingen/").content.decode()


def test_a_warm_referral_is_marked_accompanied_by_the_desk_only(client, world):
    referral = _refer(world)
    client.force_login(world.worker_b)
    assert (
        client.post(f"/loket/doorverwijzingen/{referral.pk}/begeleid/", {"accompanied": "1"}).status_code
        == 404
    )
    assert world.family_a.reference not in client.get("/loket/doorverwijzingen/").content.decode()
    client.force_login(world.worker_a)
    client.post(f"/loket/doorverwijzingen/{referral.pk}/begeleid/", {"accompanied": "1"})
    referral.refresh_from_db()
    assert referral.accompanied


def test_local_consultation_meeting_with_follow_up_actions(client, world):
    client.force_login(world.worker_a)
    response = client.post(
        "/loket/overleg/nieuw/",
        {
            "held_on": "2026-11-12",
            "title": "LOK najaar",
            "participants": "OCMW\nHuis van het Kind",
            "decisions": "Meer plaatsen in Zulte",
        },
    )
    meeting = ConsultationMeeting.objects.get()
    assert response.url == f"/loket/overleg/{meeting.pk}/"
    assert meeting.desk == world.desk_a
    client.post(
        f"/loket/overleg/{meeting.pk}/actie/", {"description": "Bevraging onthaalouders", "owner": "Loket"}
    )
    action = meeting.actions.get()
    assert action.owner == "Loket"
    client.post(f"/loket/overleg/actie/{action.pk}/klaar/")
    action.refresh_from_db()
    assert action.done_at is not None
    assert "LOK najaar" in client.get("/loket/overleg/").content.decode()
    client.force_login(world.worker_b)
    assert client.get(f"/loket/overleg/{meeting.pk}/").status_code == 404
    assert "LOK najaar" not in client.get("/loket/overleg/").content.decode()
