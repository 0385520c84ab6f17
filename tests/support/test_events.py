"""Events: registration with capacity, approval, the waiting list whose freed place is offered for a limited time and
passes on, reminders and follow-ups, attendance per organiser, the calendar file."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from loket.accounts.choices import Role
from loket.support import services
from loket.support.models import Event
from loket.support.models import RegistrationStatus as S
from loket.testing.factories import make_organiser, make_user

from .conftest import make_event

pytestmark = pytest.mark.django_db


def register(event, n, **kw):
    return services.registration_create(event=event, name=f"Persoon {n}", email=f"p{n}@example.org", **kw)


def test_a_full_event_puts_people_on_the_waiting_list_and_a_cancel_offers_the_place():
    event = make_event(capacity=2)
    a, b, c, d = (register(event, n) for n in range(4))
    assert [r.status for r in (a, b, c, d)] == [S.CONFIRMED, S.CONFIRMED, S.WAITING, S.WAITING]
    services.registration_cancel(registration=a)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == S.OFFERED and c.offered_until is not None and d.status == S.WAITING
    services.registration_claim(registration=c)
    c.refresh_from_db()
    assert c.status == S.CONFIRMED


def test_an_unclaimed_offer_passes_on_with_the_scheduled_job(deliver_mail):
    event = make_event(capacity=1, offer_hours=24)
    a, b, c = (register(event, n) for n in range(3))
    services.registration_cancel(registration=a)
    b.refresh_from_db()
    assert b.status == S.OFFERED
    assert services.process_waitlists(now=timezone.now() + timedelta(hours=1)) == 0
    with deliver_mail:
        call_command(
            "process_event_waitlists", stdout=__import__("io").StringIO()
        )  # not yet expired: nothing
        assert services.process_waitlists(now=timezone.now() + timedelta(hours=25)) == 1
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.status == S.LAPSED and c.status == S.OFFERED
    assert {m.to[0] for m in mail.outbox} == {"p1@example.org", "p2@example.org"}
    with pytest.raises(services.SupportError):
        services.registration_claim(registration=b)


def test_a_newcomer_does_not_jump_the_waiting_list():
    event = make_event(capacity=1)
    a, b = register(event, 0), register(event, 1)
    services.registration_cancel(registration=a)
    newcomer = register(event, 2)
    assert newcomer.status == S.WAITING
    b.refresh_from_db()
    assert b.status == S.OFFERED


def test_approval_holds_a_place_and_a_decline_frees_it():
    agent = make_user(Role.SUPPORT_AGENT)
    event = make_event(capacity=1, needs_approval=True)
    a, b = register(event, 0), register(event, 1)
    assert (a.status, b.status) == (S.PENDING, S.WAITING)
    services.registration_decide(registration=a, approve=False, actor=agent)
    b.refresh_from_db()
    assert b.status == S.OFFERED
    services.registration_claim(registration=b)
    b.refresh_from_db()
    assert b.status == S.PENDING
    services.registration_decide(registration=b, approve=True, actor=agent)
    b.refresh_from_db()
    assert b.status == S.CONFIRMED


def test_reminders_and_follow_ups_are_sent_once(deliver_mail):
    soon = make_event(starts_at=timezone.now() + timedelta(hours=20))
    register(soon, 0)
    past = make_event(starts_at=timezone.now() + timedelta(days=1, hours=1))
    came, _missed = register(past, 1), register(past, 2)
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    services.attendance_set(event=past, attended_ids=[came.pk], actor=None)
    with deliver_mail:
        assert services.send_reminders() == 3
        assert services.send_reminders() == 0
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "reminder" in bodies["p0@example.org"].lower() or "herinnering" in bodies["p0@example.org"].lower()
    assert bodies["p1@example.org"] != bodies["p2@example.org"]


def test_attendance_per_organiser_csv_and_ics(client):
    agent = make_user(Role.SUPPORT_AGENT)
    organiser = make_organiser(name="Kinderopvang Regenboog")
    event = make_event(title="Opleiding EHBO")
    r = register(event, 0, organiser=organiser)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3, hours=-2)
    )
    client.force_login(agent)
    client.post(f"/voorzet/beheer/activiteiten/{event.pk}/", {"action": "attendance", "attended": [r.pk]})
    # The one CSV writer (loket.core.csvfile): semicolons for Belgian Excel, formula-like names as text.
    csv_text = client.get("/voorzet/beheer/aanwezigheid.csv").content.decode("utf-8-sig")
    assert "Kinderopvang Regenboog;Opleiding EHBO" in csv_text and csv_text.strip().endswith(";1;1")
    organiser.name = '=HYPERLINK("http://evil.example","Klik")'
    organiser.save()
    csv_text = client.get("/voorzet/beheer/aanwezigheid.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in csv_text and "\n=HYPERLINK" not in csv_text
    ics = client.get(f"/voorzet/activiteiten/{event.pk}/agenda.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Opleiding EHBO" in ics.content.decode() and "BEGIN:VEVENT" in ics.content.decode()


def test_a_series_repeats_the_event():
    first = make_event(title="Intervisie onthaalouders")
    series = services.series_create(first=first, title=first.title, every_weeks=4, count=3)
    starts = list(series.events.order_by("starts_at").values_list("starts_at", flat=True))
    assert len(starts) == 3 and starts[2] - starts[0] == timedelta(weeks=8)


def test_registration_pages_work_through_the_signed_link(client):
    event = make_event(capacity=1)
    a = register(event, 0)
    b = register(event, 1)
    page = client.get(f"/voorzet/inschrijving/{services.registration_token(b)}/").content.decode()
    assert 'id="registration-status"' in page and "1" in page
    client.post(f"/voorzet/inschrijving/{services.registration_token(a)}/", {"action": "cancel"})
    client.post(f"/voorzet/inschrijving/{services.registration_token(b)}/", {"action": "claim"})
    b.refresh_from_db()
    assert b.status == S.CONFIRMED
    assert client.get("/voorzet/inschrijving/forged/").status_code == 404


# --- like a ticket shop (issue 18) -----------------------------------------------------------------------------------


def test_agents_cancel_move_and_promote(client, django_capture_on_commit_callbacks):
    agent = make_user(Role.SUPPORT_AGENT)
    first = make_event(capacity=1, title="Sessie 1")
    second = make_event(capacity=1, title="Sessie 2", starts_at=timezone.now() + timedelta(days=20))
    a, b = register(first, 0), register(first, 1)
    client.force_login(agent)
    # promote someone from the waiting list: the agent takes one more
    client.post(f"/voorzet/beheer/activiteiten/{first.pk}/", {"action": "promote", "registration": b.pk})
    b.refresh_from_db()
    assert b.status == S.CONFIRMED
    # move a to the other session: a place there, and none offered here (b has it)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/voorzet/beheer/activiteiten/{first.pk}/inschrijvingen/{a.pk}/verplaatsen/",
            {"to_event": second.pk},
        )
    a.refresh_from_db()
    assert a.event == second and a.status == S.CONFIRMED
    assert [m.to for m in mail.outbox] == [["p0@example.org"]] and "Sessie 1" in mail.outbox[0].body
    # an agent's cancel is mailed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/voorzet/beheer/activiteiten/{second.pk}/", {"action": "cancel", "registration": a.pk})
    a.refresh_from_db()
    assert a.status == S.CANCELLED and [m.to for m in mail.outbox] == [["p0@example.org"]]


def test_a_limit_per_organisation(client):
    organiser = make_organiser()
    event = make_event(capacity=10, max_per_organisation=2)
    register(event, 0, organiser=organiser)
    register(event, 1, organiser=organiser)
    with pytest.raises(services.SupportError):
        register(event, 2, organiser=organiser)
    register(event, 3, organisation_name="De Regenboog")
    register(event, 4, organisation_name="de regenboog ")
    response = client.post(
        f"/voorzet/activiteiten/{event.pk}/",
        {"name": "Nog een", "email": "nog@example.org", "organisation": "De Regenboog"},
    )
    assert response.status_code == 200 and "2" in response.content.decode()
    assert not event.registrations.filter(email="nog@example.org").exists()


def test_a_message_to_everyone_registered(client, django_capture_on_commit_callbacks):
    agent = make_user(Role.SUPPORT_AGENT)
    event = make_event(capacity=1)
    register(event, 0)
    register(event, 1)  # waiting
    client.force_login(agent)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/voorzet/beheer/activiteiten/{event.pk}/bericht/",
            {"audience": "all", "subject": "Andere zaal", "body": "We zitten in zaal B."},
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.org", "p1@example.org"]
    assert all("zaal B" in m.body and "/voorzet/inschrijving/" in m.body for m in mail.outbox)


def test_check_in_from_the_list_and_by_the_tickets_qr_code(client):
    agent = make_user(Role.SUPPORT_AGENT)
    event = make_event(capacity=5)
    a, b = register(event, 0), register(event, 1)
    ticket = client.get(f"/voorzet/inschrijving/{services.registration_token(a)}/").content.decode()
    assert "<svg" in ticket  # the QR code
    from loket.support.events.services import check_in_token

    check_in_url = f"/voorzet/beheer/inchecken/{check_in_token(a)}/"
    assert client.get(check_in_url).status_code == 302  # the code alone lets nobody in: sign in first
    client.force_login(agent)
    assert a.name in client.get(check_in_url).content.decode()
    client.post(check_in_url)
    client.post(f"/voorzet/beheer/activiteiten/{event.pk}/", {"action": "check_in", "registration": b.pk})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.checked_in_at and a.attended and b.checked_in_at and b.attended


def test_an_online_events_join_link_goes_to_confirmed_people_only(client, django_capture_on_commit_callbacks):
    event = make_event(capacity=1, online=True, venue="", join_url="https://meet.example.org/voorzet-123")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        a, b = register(event, 0), register(event, 1)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "meet.example.org/voorzet-123" in bodies["p0@example.org"]
    assert "meet.example.org/voorzet-123" not in bodies["p1@example.org"]  # the waiting list does not get it
    own_ics = client.get(
        f"/voorzet/inschrijving/{services.registration_token(a)}/agenda.ics"
    ).content.decode()
    assert "URL:https://meet.example.org/voorzet-123" in own_ics
    waiting_ics = client.get(
        f"/voorzet/inschrijving/{services.registration_token(b)}/agenda.ics"
    ).content.decode()
    public_ics = client.get(f"/voorzet/activiteiten/{event.pk}/agenda.ics").content.decode()
    assert "meet.example.org" not in waiting_ics and "meet.example.org" not in public_ics
