"""The casework demo content loads on top of the demo area, fills every queue view, and loading twice changes nothing."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from loket.areas.models import Desk
from loket.casework.models import ConsultationMeeting, ContactMoment, Note, Referral
from loket.demo.build import build_demo_area
from loket.network.models import Partner

pytestmark = pytest.mark.django_db


def test_load_casework_demo_is_idempotent_and_shows_in_the_desk_pages(client):
    build_demo_area(seed=2026, today=date(2026, 11, 23), n_requests=150)
    call_command("load_casework_demo", stdout=StringIO())
    counts = (
        Note.objects.count(),
        ContactMoment.objects.count(),
        Referral.objects.count(),
        Partner.objects.count(),
    )
    assert all(counts) and ConsultationMeeting.objects.count() == 1
    assert Partner.objects.filter(needs__contains="|language|").exists()
    call_command("load_casework_demo", stdout=StringIO())
    assert (
        Note.objects.count(),
        ContactMoment.objects.count(),
        Referral.objects.count(),
        Partner.objects.count(),
    ) == counts
    from loket.accounts.models import User

    client.force_login(User.objects.get(email="balie@loket.demo"))
    desk = Desk.objects.get(slug="deinze-zulte")
    assert client.get("/loket/").status_code == 200
    for slug in ("urgent", "expiring", "vulnerable", "start-near", "new", "reconfirm"):
        assert client.get(f"/loket/opvolging/{slug}/?desk={desk.pk}").status_code == 200
    referral = Referral.objects.first()
    assert client.get(f"/loket/dossier/{referral.family.reference}/").status_code == 200
    client.force_login(User.objects.get(email="partner@loket.demo"))
    own = Referral.objects.filter(partner__name="Sociaal Huis Deinze (OCMW)")
    listing = client.get("/loket/partner/doorverwijzingen/").content.decode()
    assert own.exists() and all(f"/loket/partner/doorverwijzingen/{r.pk}/" in listing for r in own)
    others = Referral.objects.exclude(partner__name="Sociaal Huis Deinze (OCMW)")
    assert others.exists() and not any(f"/loket/partner/doorverwijzingen/{r.pk}/" in listing for r in others)
