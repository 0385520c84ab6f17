"""A smoke test of the fault drill's check (bench/drill_check.py): it passes a complete registration and catches a
lost, an incomplete, a duplicated and a wrongly refused one, on the same SQL it runs against the drill's PostgreSQL."""

import sys
from pathlib import Path

import pytest
from django.db import connection
from test_families_submission_key import BASE, walk_to_check_page

from loket.core.models import OutgoingMail
from loket.demand.models import Choice, Family
from loket.testing.factories import make_family

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import drill_check
from families_client import Sent

pytestmark = pytest.mark.django_db(transaction=True)


def register(client, area, email):
    key = walk_to_check_page(client, area, email=email)
    client.post(BASE + "controle/", {"sworn": "on", "consent": "on", "submission_key": key})
    client.logout()
    client.cookies.clear()
    family = Family.objects.get(guardians__email=email)
    return Sent(
        key=key, email=email, choices=2, submit_started=0, outcome="accepted", reference=family.reference
    )


def check(*sent):
    with connection.cursor() as cursor:
        return drill_check.check(cursor, list(sent))


def test_the_drill_check_passes_complete_registrations_and_catches_every_kind_of_loss(client, area):
    complete = register(client, area, "een@example.org")
    verdict = check(complete)
    assert verdict.ok and verdict.accepted == 1, verdict.problems

    # Told accepted, but nothing was stored under that address: lost.
    never = Sent(key="k" * 20, email="nooit@example.org", choices=2, submit_started=0, outcome="accepted")
    assert check(never).lost == 1 and not check(never).ok

    # Shown another file number than the one stored: lost (the client cannot find its file).
    wrong = Sent(**{**complete.__dict__, "reference": "AAAA-BBBB"})
    assert check(wrong).lost == 1

    # A choice missing: incomplete, so lost.
    partial = register(client, area, "twee@example.org")
    Choice.objects.filter(request__child__family__reference=partial.reference, rank=2).delete()
    assert check(partial).lost == 1

    # Two families for one registration: duplicated.
    twice = register(client, area, "drie@example.org")
    make_family(area["desk"]).guardians.update(email="drie@example.org")
    assert check(twice).duplicated == 1

    # Two confirmation mails for one registration: duplicated too.
    mailed = register(client, area, "vier@example.org")
    mail = OutgoingMail.objects.filter(to=["vier@example.org"]).get()
    OutgoingMail.objects.create(to=mail.to, subject=mail.subject, body=mail.body)
    assert check(mailed).duplicated == 1

    # Refused with a clear message and absent: fine. Refused without any message: lost. Refused yet stored: caught.
    refused = Sent(key="r" * 20, email="vijf@example.org", choices=2, submit_started=0, outcome="refused")
    assert (
        check(Sent(**{**refused.__dict__, "message": "503: De databank is even niet bereikbaar"})).refused
        == 1
    )
    assert check(refused).lost == 1
    stored = Sent(**{**complete.__dict__, "outcome": "refused", "message": "503: ..."})
    assert check(stored).stored_though_refused == 1
