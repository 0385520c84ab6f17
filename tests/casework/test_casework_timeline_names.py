"""The case's timeline names people by name (never an e-mail address) and shows dates in the one short format of the
language; a new task is preset to the signed-in worker."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_timeline_shows_names_and_localised_dates(client, world):
    client.force_login(world.worker_a)
    client.post(f"/loket/aanvraag/{world.request_a.pk}/dringend/", {"reason": "Start opleiding over 3 weken"})
    due = timezone.localdate() + timedelta(days=9)
    client.post(
        f"/loket/dossier/{world.family_a.reference}/taak/",
        {"title": "Terugbellen", "due_on": due.isoformat(), "owner": world.worker_a.pk},
    )
    body = client.get(f"/loket/dossier/{world.family_a.reference}/").content.decode()
    timeline = body.split('data-testid="timeline"')[1].split("</ol>")[0]
    assert world.worker_a.get_full_name() in timeline
    assert world.worker_a.email not in timeline
    assert due.strftime("%d-%m-%Y") in timeline and due.isoformat() not in timeline


def test_a_new_task_is_preset_to_the_signed_in_worker(client, world):
    client.force_login(world.worker_a)
    form = client.get(f"/loket/dossier/{world.family_a.reference}/taak/").content.decode()
    assert f'<option value="{world.worker_a.pk}" selected>' in form


def test_dates_have_one_short_format_per_language():
    from django.utils import translation
    from django.utils.formats import date_format

    moment = timezone.make_aware(timezone.datetime(2026, 12, 18, 9, 5))
    with translation.override("nl"):
        assert date_format(date(2026, 12, 18), "SHORT_DATE_FORMAT") == "18-12-2026"
        assert date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT").startswith("18-12-2026")
    with translation.override("fr"):
        assert date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT").startswith("18/12/2026")
