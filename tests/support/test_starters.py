"""Starters: sign up with an e-mail link, follow the track (the IKT-mix choice among the steps), book an intake,
announce the opening, and become the organiser's provider account with their history."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment
from loket.support import services
from loket.support.models import EventKind, Question, Starter, StarterStatus, StarterStep, StepKind
from loket.testing.factories import make_municipality, make_organiser, make_partner, make_postcode, make_user

from .conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps():
    kinds = [StepKind.TICK, StepKind.TARIFF, StepKind.TICK, StepKind.INTAKE, StepKind.OPENING]
    titles = ["Ondernemingsplan", "Tarief en IKT-mix", "Rechtsvorm", "Intake", "Opening"]
    return [
        StarterStep.objects.create(order=n, title=t, kind=k)
        for n, (t, k) in enumerate(zip(titles, kinds, strict=True))
    ]


def link_in(message) -> str:
    return re.search(r"https?://\S+/voorzet/starten/link/\S+/", message.body).group(0)


def test_sign_up_link_signs_in_once_and_keeps_earlier_questions(
    client, steps, django_capture_on_commit_callbacks
):
    earlier = services.question_ask(
        subject="Starten", body="Ik wil starten", name="Sara", email="sara@example.org", actor=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/voorzet/starten/", {"name": "Sara Starter", "email": "Sara@Example.org", "care_plan": "family"}
        )
    assert response.status_code == 200 and "sara@example.org" in response.content.decode().lower()
    starter = Starter.objects.get()
    assert starter.status == StarterStatus.SIGNED_UP and starter.user is None
    link = link_in([m for m in mail.outbox if m.to == ["sara@example.org"]][-1])
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 302
    starter.refresh_from_db()
    assert starter.status == StarterStatus.ACTIVE and starter.user.email == "sara@example.org"
    earlier.refresh_from_db()
    assert earlier.starter == starter
    page = client.get("/voorzet/starten/mijn-traject/").content.decode()
    assert "Ondernemingsplan" in page and earlier.reference in page
    client.logout()
    response = client.get("/" + path)  # used once: no second sign-in with the same link
    assert response.status_code == 302 and response.url == "/voorzet/starten/"
    assert "_auth_user_id" not in client.session


def test_the_track_the_ikt_mix_choice_and_the_intake(client, steps):
    starter = services.starter_confirm(
        starter=services.starter_sign_up(name="Sara", email="sara@example.org")
    )
    client.force_login(starter.user)
    client.post("/voorzet/starten/mijn-traject/stap/", {"step": steps[0].pk, "done": "1"})
    response = client.post(
        "/voorzet/starten/mijn-traject/plan/",
        {"care_plan": "group", "planned_places": "18", "tariff_plan": "mix", "income_places": "18"},
    )
    assert response.status_code == 400  # all 18 income-related is no mix: a clear message, nothing lost
    assert "IKT-mix" in response.content.decode()
    client.post(
        "/voorzet/starten/mijn-traject/plan/",
        {"care_plan": "group", "planned_places": "18", "tariff_plan": "mix", "income_places": "12"},
    )
    starter.refresh_from_db()
    assert (starter.tariff_plan, starter.income_places) == ("mix", 12)
    slot = make_event(kind=EventKind.INTAKE, capacity=1, title="Intake")
    client.post("/voorzet/starten/mijn-traject/intake/", {"event": slot.pk})
    assert set(starter.done.values_list("step__title", flat=True)) == {
        "Ondernemingsplan",
        "Tarief en IKT-mix",
        "Intake",
    }
    assert slot.registrations.get().starter == starter
    other = services.starter_confirm(starter=services.starter_sign_up(name="Bo", email="bo@example.org"))
    with pytest.raises(services.SupportError):
        services.intake_book(starter=other, event=slot, actor=other.user)  # the slot is taken


def test_opening_makes_the_provider_account_with_its_history(client, steps):
    municipality = make_municipality()
    make_postcode(municipality, code="9800")
    agent = make_user(Role.SUPPORT_AGENT)
    starter = services.starter_confirm(
        starter=services.starter_sign_up(name="Sara", email="sara@example.org")
    )
    services.starter_plan(
        starter=starter,
        data={"care_plan": "family", "planned_places": 8, "tariff_plan": "free"},
        actor=starter.user,
    )
    client.force_login(starter.user)
    client.post(
        "/voorzet/vraag/",
        {
            "subject": "Verzekering",
            "body": "Welke?",
            "theme": "general",
            "name": "Sara",
            "email": "sara@example.org",
        },
    )
    response = client.post(
        "/voorzet/starten/mijn-traject/opening/",
        {
            "organiser_name": "Sara's Kinderhuis",
            "legal_plan": "sole_trader",
            "location_name": "Kinderhuis Zonneschijn",
            "street": "Kerkstraat 1",
            "postcode": "9800",
            "licensed_capacity": "8",
            "licence_reference": "KO-123",
            "opens_on": (date.today() + timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    starter.refresh_from_db()
    assert starter.status == StarterStatus.OPENING
    assert Question.objects.filter(
        starter=starter, subject__startswith="Opening"
    ).exists()  # the desk hears of it

    client.force_login(agent)
    client.post(
        f"/voorzet/starters/{starter.pk}/aanbieder/",
        {"care_type": "family", "tariff_regime": "free", "subsidy_step": "0"},
    )
    starter.refresh_from_db()
    assert starter.status == StarterStatus.PROVIDER and starter.organiser.name == "Sara's Kinderhuis"
    assert RoleAssignment.objects.filter(
        user=starter.user, role=Role.PROVIDER_STAFF, organiser=starter.organiser
    ).exists()
    assert set(starter.questions.values_list("organiser_id", flat=True)) == {starter.organiser_id}

    client.force_login(starter.user)
    assert "Kinderhuis Zonneschijn" in client.get("/aanbieder/").content.decode()
    assert "Verzekering" in client.get("/voorzet/mijn-vragen/").content.decode()  # history kept
    assert "Ondernemingsplan" in client.get("/voorzet/starten/mijn-traject/").content.decode()


def test_only_starters_reach_the_track_and_only_agents_make_providers(client, steps):
    assert client.get("/voorzet/starten/mijn-traject/").url == "/voorzet/starten/"
    client.force_login(make_user(Role.PROVIDER_STAFF, organiser=make_organiser()))
    assert client.get("/voorzet/starten/mijn-traject/").status_code == 302
    starter = services.starter_confirm(
        starter=services.starter_sign_up(name="Sara", email="sara@example.org")
    )
    adviser = make_user(Role.PARTNER_ADVISER, partner=make_partner())
    client.force_login(adviser)
    assert client.post(f"/voorzet/starters/{starter.pk}/aanbieder/", {}).status_code == 403
    assert client.get(f"/voorzet/starters/{starter.pk}/").status_code == 404  # not one of theirs


def test_sign_up_is_rate_limited_and_has_a_honeypot(client):
    data = {"name": "Sara", "email": "sara@example.org"}
    for _ in range(3):
        assert client.post("/voorzet/starten/", data).status_code == 200
    response = client.post("/voorzet/starten/", data)
    assert "Sara" in response.content.decode() and (
        "minuten" in response.content.decode() or "minutes" in response.content.decode()
    )
    assert (
        client.post("/voorzet/starten/", {**data, "email": "x@example.org", "website": "x"}).status_code
        == 200
    )
    assert not Starter.objects.filter(email="x@example.org").exists()


def test_intake_slots_are_not_on_the_public_programme(client):
    make_event(kind=EventKind.INTAKE, title="Intakegesprek", starts_at=timezone.now() + timedelta(days=2))
    make_event(title="Netwerkmoment")
    page = client.get("/voorzet/activiteiten/").content.decode()
    assert "Netwerkmoment" in page and "Intakegesprek" not in page
