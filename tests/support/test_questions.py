"""Questions: asking with or without an account, the response-time clock, routing, referral, the partner's answer,
closing by an article, and who sees what."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from loket.accounts.choices import Role
from loket.support import selectors, services
from loket.support.models import Article, Channel, Outcome, Question, RoutingRule, Status, Theme
from loket.testing.factories import DEFAULT_PASSWORD, make_location, make_organiser, make_partner, make_user

from .conftest import make_article

pytestmark = pytest.mark.django_db
BXL = ZoneInfo("Europe/Brussels")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=BXL)


def ask(**kw):
    kw.setdefault("subject", "Financieel plan")
    kw.setdefault("body", "Hoe maak ik een financieel plan voor mijn opvang?")
    kw.setdefault("name", "Sara Starter")
    kw.setdefault("email", "sara@example.org")
    kw.setdefault("actor", None)
    return services.question_ask(**kw)


def test_a_starter_without_account_gets_a_link_to_follow(deliver_mail):
    with deliver_mail:
        question = ask(is_starter=True)
    assert question.status == Status.NEW and question.asker is None and question.is_starter
    assert ["sara@example.org"] in [m.to for m in mail.outbox]
    token = services.follow_token(question)
    assert token in mail.outbox[0].body
    assert services.question_from_token(token) == question
    assert services.question_from_token(token + "x") is None


def test_the_target_is_counted_in_business_hours():
    question = ask(
        theme=Theme.GENERAL, at=datetime(2026, 11, 20, 15, 0, tzinfo=BXL)
    )  # Friday 15:00, 8 h target
    assert question.due_at == datetime(2026, 11, 23, 15, 0, tzinfo=BXL)


def test_waiting_for_the_asker_pauses_the_clock():
    agent = make_user(Role.SUPPORT_AGENT)
    question = ask(theme=Theme.GENERAL, at=MONDAY_10)  # due Tuesday 10:00
    services.question_answer(
        question=question, body="Over welke locatie gaat het?", actor=agent, wait_for_asker=True, at=MONDAY_10
    )
    assert question.status == Status.WAITING
    # the asker replies two business days later: the due moment moves two business days on
    services.question_asker_reply(
        question=question, body="Over onze crèche.", at=MONDAY_10 + timedelta(days=2)
    )
    question.refresh_from_db()
    assert question.status == Status.NEW
    assert question.due_at == datetime(2026, 11, 26, 10, 0, tzinfo=BXL)


def test_overdue_questions_come_first_and_waiting_ones_last():
    agent = make_user(Role.SUPPORT_AGENT)
    ask(subject="Laat", at=MONDAY_10 - timedelta(days=7))
    ask(subject="Vers", at=MONDAY_10)
    waiting = ask(subject="Wacht", at=MONDAY_10 - timedelta(days=14))
    services.question_answer(question=waiting, body="Meer info?", actor=agent, wait_for_asker=True)
    order = selectors.queue(Question.objects.all(), now=MONDAY_10 + timedelta(hours=1))
    assert [q.subject for q in order] == ["Laat", "Vers", "Wacht"]
    assert order[0].overdue and not order[1].overdue and not order[2].overdue


def test_routing_rules_suggest_a_partner_by_theme_and_keyword():
    unizo, cik = make_partner(name="UNIZO"), make_partner(name="CIK")
    RoutingRule.objects.create(
        theme=Theme.ENTREPRENEURSHIP, keywords="overname, zelfstandige", partner=unizo, order=1
    )
    RoutingRule.objects.create(theme=Theme.INCLUSIVE, partner=cik)
    assert services.suggest_partner(ask(theme=Theme.INCLUSIVE)) == cik
    assert (
        services.suggest_partner(ask(theme=Theme.ENTREPRENEURSHIP, body="Ik wil een overname doen.")) == unizo
    )
    assert services.suggest_partner(ask(theme=Theme.ENTREPRENEURSHIP, body="Iets anders.")) is None


def test_referral_the_partners_answer_and_closing_with_an_outcome(client, deliver_mail):
    partner = make_partner(name="UNIZO", email="advies@unizo.example")
    agent = make_user(Role.SUPPORT_AGENT)
    adviser = make_user(Role.PARTNER_ADVISER, partner=partner)
    other_adviser = make_user(Role.PARTNER_ADVISER, partner=make_partner())
    question = ask()
    mail.outbox.clear()
    with deliver_mail:
        services.question_refer(question=question, partner=partner, actor=agent)
    # the partner's adviser personally (not the organisation's address), and the asker
    assert {tuple(m.to) for m in mail.outbox} == {(adviser.email,), ("sara@example.org",)}
    assert question.status == Status.REFERRED

    client.login(username=other_adviser.email, password=DEFAULT_PASSWORD)
    assert client.get(f"/voorzet/partner/vragen/{question.pk}/").status_code == 404
    client.login(username=adviser.email, password=DEFAULT_PASSWORD)
    assert question.subject in client.get("/voorzet/partner/").content.decode()
    client.post(f"/voorzet/partner/vragen/{question.pk}/", {"body": "Wij helpen u met het financieel plan."})
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.first_answered_at is not None
    assert question.messages.get(author_kind="partner").body.startswith("Wij helpen")
    client.post(f"/voorzet/partner/vragen/{question.pk}/coaching/", {"on": "2026-12-03", "note": "Tot dan."})
    client.post(f"/voorzet/partner/vragen/{question.pk}/afsluiten/", {"outcome": Outcome.COACHING})
    question.refresh_from_db()
    assert question.status == Status.CLOSED and question.outcome == Outcome.COACHING
    assert str(question.coaching_on) == "2026-12-03"

    page = client.get(f"/voorzet/vraag/volgen/{services.follow_token(question)}/").content.decode()
    assert "UNIZO" in page and "Wij helpen u met het financieel plan." in page


def test_internal_notes_stay_internal(client):
    agent = make_user(Role.SUPPORT_AGENT)
    question = ask()
    services.question_answer(question=question, body="Geheime notitie", visibility="internal", actor=agent)
    question.refresh_from_db()
    assert question.status == Status.NEW and question.first_answered_at is None
    page = client.get(f"/voorzet/vraag/volgen/{services.follow_token(question)}/").content.decode()
    assert "Geheime notitie" not in page


def test_this_answered_my_question_closes_it_and_counts(client):
    article = make_article(
        slug="financieel-plan", title="Een financieel plan maken", body="Stappen voor een financieel plan."
    )
    question = ask()
    token = services.follow_token(question)
    page = client.get(f"/voorzet/vraag/volgen/{token}/").content.decode()
    assert "Een financieel plan maken" in page
    client.post(f"/voorzet/vraag/volgen/{token}/", {"article": article.pk})
    question.refresh_from_db()
    article.refresh_from_db()
    assert (
        question.status == Status.CLOSED
        and question.outcome == Outcome.ARTICLE
        and question.article == article
    )
    assert article.helpful_count == 1


def test_an_agent_logs_a_phone_question_and_sees_the_providers_context(client):
    organiser = make_organiser(name="Kinderopvang Regenboog")
    make_location(organiser=organiser, name="De Regenboog", licensed_capacity=21)
    agent = make_user(Role.SUPPORT_AGENT)
    client.force_login(agent)
    response = client.post(
        "/voorzet/vragen/nieuw/",
        {
            "subject": "Personeel",
            "body": "Hoeveel begeleiders heb ik nodig?",
            "theme": Theme.ORGANISATION,
            "name": "Mieke",
            "email": "mieke@example.org",
            "channel": Channel.PHONE,
            "organiser": "Kinderopvang Regenboog",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and question.channel == Channel.PHONE and question.asker is None
    page = client.get(f"/voorzet/vragen/{question.pk}/").content.decode()
    assert "De Regenboog" in page and "21" in page


def test_the_families_desk_signals_a_provider(client):
    from loket.testing.factories import make_desk, make_municipality

    desk = make_desk()
    location = make_location(municipality=make_municipality(desk))
    worker = make_user(Role.DESK_WORKER, desk=desk)
    elsewhere = make_organiser()
    client.force_login(worker)
    page = client.get("/voorzet/signaleren/").content.decode()
    assert location.organiser.name in page and elsewhere.name not in page
    client.post("/voorzet/signaleren/", {"organiser": elsewhere.pk, "reason": "Veel onbeantwoorde aanvragen"})
    assert not Question.objects.exists()
    client.post(
        "/voorzet/signaleren/", {"organiser": location.organiser.pk, "reason": "Veel onbeantwoorde aanvragen"}
    )
    question = Question.objects.get()
    assert question.channel == Channel.PROACTIVE and question.organiser == location.organiser


def test_provider_staff_see_only_their_own_questions(client):
    staff = make_user(Role.PROVIDER_STAFF, organiser=make_organiser())
    client.force_login(staff)
    client.post(
        "/voorzet/vraag/",
        {
            "subject": "Onze vraag",
            "body": "Vraag over taal",
            "theme": Theme.PEDAGOGY,
            "name": "X",
            "email": "x@example.org",
        },
    )
    ask(subject="Andermans vraag")
    page = client.get("/voorzet/mijn-vragen/").content.decode()
    assert "Onze vraag" in page and "Andermans vraag" not in page


def test_articles_are_versioned_and_edited_by_partners(client):
    adviser = make_user(Role.PARTNER_ADVISER, partner=make_partner())
    client.force_login(adviser)
    data = {
        "slug": "personeel",
        "theme": Theme.ORGANISATION,
        "title_nl": "Personeel",
        "body_nl": "Eerste versie",
        "published": "on",
    }
    client.post("/voorzet/kennisbank/nieuw/", data)
    client.post("/voorzet/kennisbank/personeel/bewerken/", {**data, "body_nl": "Tweede versie"})
    article = Article.objects.get(slug="personeel")
    assert article.version == 2 and article.body_nl == "Tweede versie"
    assert list(article.versions.values_list("body_nl", flat=True)) == ["Tweede versie", "Eerste versie"]
    client.force_login(make_user(Role.PROVIDER_STAFF, organiser=make_organiser()))
    assert (
        client.post("/voorzet/kennisbank/personeel/bewerken/", {**data, "body_nl": "Nee"}).status_code == 403
    )


def test_suggestions_fragment_and_the_no_javascript_fallback(client):
    make_article(slug="ondernemingsplan", title="Een ondernemingsplan opstellen", body="Visie en markt.")
    fragment = client.get(
        "/voorzet/vraag/suggesties/", {"subject": "", "body": "Hulp bij ondernemingsplannen"}
    )
    assert "Een ondernemingsplan opstellen" in fragment.content.decode()
    page = client.post("/voorzet/vraag/", {"subject": "ondernemingsplannen", "body": "", "suggest": "1"})
    assert page.status_code == 200 and "Een ondernemingsplan opstellen" in page.content.decode()
    assert not Question.objects.exists()


def test_figures_and_csv(client):
    partner = make_partner(name="UNIZO")
    agent = make_user(Role.SUPPORT_AGENT)
    question = ask()
    services.question_refer(question=question, partner=partner, actor=agent)
    services.question_answer(question=question, body="Antwoord", actor=agent)
    client.force_login(agent)
    assert "UNIZO" in client.get("/voorzet/cijfers/").content.decode()
    # The one CSV writer (loket.core.csvfile): semicolons and a decimal comma for Belgian Excel.
    csv_text = client.get("/voorzet/cijfers/?format=csv").content.decode("utf-8-sig")
    month = question.created_at.astimezone(BXL).strftime("%Y-%m")
    assert "referrals;UNIZO;;1" in csv_text
    assert f"questions;general;{month};1" in csv_text and f"questions;pedagogy;{month};0" in csv_text
    assert "first_answer_hours_median;;;0" in csv_text
