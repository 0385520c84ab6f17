"""The team's queue: search, filters, sorting, paging, assignment, counts; working on one question at a time with two
agents (warnings, merging, tags); who reads which note; notifications; the provider panel."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from loket.accounts.choices import Role
from loket.support import selectors, services
from loket.support.models import Channel, Question, Status, Theme, Visibility
from loket.support.questions.selectors import QueueFilter
from loket.testing.factories import make_location, make_organiser, make_partner, make_user

pytestmark = pytest.mark.django_db


def ask(**kw):
    kw.setdefault("subject", "Vraag")
    kw.setdefault("body", "Een vraag over de opvang.")
    kw.setdefault("name", "Sara Starter")
    kw.setdefault("email", "sara@example.org")
    kw.setdefault("actor", None)
    return services.question_ask(**kw)


@pytest.fixture
def agents():
    return make_user(Role.SUPPORT_AGENT), make_user(Role.SUPPORT_AGENT)


def page_of(agent, **filters):
    from loket.accounts.policies import scope_of

    return selectors.queue_page(scope_of(agent), agent, QueueFilter(**filters))


def subjects(page):
    return {q.subject for q in page}


def test_search_finds_words_forms_references_addresses_and_organisers(agents):
    agent = agents[0]
    organiser = make_organiser(name="Kinderopvang De Regenboog")
    plan = ask(subject="Ondernemingsplannen", body="Wie leest mijn plan na?")
    ask(subject="Huisreglement", body="Wat moet erin?", email="lotte@example.org", organiser=organiser)
    ask(subject="Taal", body="Vorming taalstimulering", name="Ilse Van Damme")
    assert subjects(page_of(agent, q="ondernemingsplan")) == {"Ondernemingsplannen"}
    assert subjects(page_of(agent, q="huishoudelijk reglement")) == {"Huisreglement"}  # synonym
    assert subjects(page_of(agent, q=plan.reference)) == {"Ondernemingsplannen"}
    assert subjects(page_of(agent, q="lotte@example.org")) == {"Huisreglement"}
    assert subjects(page_of(agent, q="Regenboog")) == {"Huisreglement"}
    assert subjects(page_of(agent, q="Ilse")) == {"Taal"}
    assert subjects(page_of(agent, q="parkeervergunning")) == set()


def test_filters_views_and_sorting(agents):
    me, other = agents
    mine = ask(subject="Van mij", theme=Theme.PEDAGOGY)
    services.question_assign(question=mine, assignee=me, actor=me)
    theirs = ask(subject="Van een ander", channel=Channel.PHONE, actor=other)
    services.question_assign(question=theirs, assignee=other, actor=other)
    late = ask(subject="Te laat", at=timezone.now() - timedelta(days=10))
    closed = ask(subject="Gesloten")
    services.question_close(question=closed, outcome="answered", actor=me)
    services.question_set_tags(question=late, names=["ikt"], actor=me)

    assert subjects(page_of(me, view="mine")) == {"Van mij"}
    assert subjects(page_of(me, view="unassigned")) == {"Te laat"}
    assert subjects(page_of(me, view="overdue")) == {"Te laat"}
    assert subjects(page_of(me, view="closed")) == {"Gesloten"}
    assert subjects(page_of(me, theme=Theme.PEDAGOGY)) == {"Van mij"}
    assert subjects(page_of(me, channel=Channel.PHONE)) == {"Van een ander"}
    assert subjects(page_of(me, assignee=str(other.pk))) == {"Van een ander"}
    assert subjects(page_of(me, assignee="none")) == {"Te laat"}
    assert subjects(page_of(me, tag="ikt")) == {"Te laat"}
    assert next(q.subject for q in page_of(me)) == "Te laat"  # overdue first
    assert next(q.subject for q in page_of(me, sort="oldest")) == "Te laat"
    counts = selectors.agent_counts(me)
    assert (counts["mine"], counts["unassigned"], counts["overdue"], counts["total"]) == (1, 1, 1, 3)


def test_the_queue_pages_with_a_constant_number_of_queries(client, agents):
    agent = agents[0]
    client.force_login(agent)
    partner = make_partner()
    organiser = make_organiser()

    def fill(n):
        for i in range(n):
            question = ask(subject=f"Vraag {i}", organiser=organiser)
            services.question_set_tags(question=question, names=["tag"], actor=agent)
            if i % 2:
                Question.objects.filter(pk=question.pk).update(partner=partner, assignee=agent)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    fill(5)
    few = queries("/voorzet/")
    fill(60)
    many = queries("/voorzet/")
    assert many == few
    assert queries("/voorzet/?page=3") == few
    page = client.get("/voorzet/?page=2").content.decode()
    assert "pagina 2 van 3" in page or "page 2 of 3" in page


def test_two_agents_the_second_is_warned_and_keeps_what_they_typed(client, agents):
    first, second = agents
    question = ask()
    client.force_login(second)
    page = client.get(f"/voorzet/vragen/{question.pk}/").content.decode()
    seen_at = re.search(r'name="seen_at" value="([^"]+)"', page).group(1)
    client.force_login(first)
    page = client.get(f"/voorzet/vragen/{question.pk}/").content.decode()
    assert second.get_full_name() in page  # "… also has this question open"
    services.question_answer(question=question, body="Antwoord van de eerste.", actor=first)

    client.force_login(second)
    response = client.post(
        f"/voorzet/vragen/{question.pk}/", {"body": "Mijn eigen antwoord", "seen_at": seen_at}
    )
    text = response.content.decode()
    assert response.status_code == 409
    assert (
        "Antwoord van de eerste." in text and "Mijn eigen antwoord" in text
    )  # the warning, and the typed text kept
    assert question.messages.count() == 1
    response = client.post(
        f"/voorzet/vragen/{question.pk}/",
        {"body": "Mijn eigen antwoord", "seen_at": seen_at, "send_anyway": "on"},
    )
    assert response.status_code == 302 and question.messages.count() == 2


def test_the_note_for_the_partner_is_read_by_the_partner_only(client, agents):
    agent = agents[0]
    partner = make_partner(name="UNIZO", kind="provider_support")
    adviser = make_user(Role.PARTNER_ADVISER, partner=partner)
    question = ask()
    services.question_refer(
        question=question, partner=partner, actor=agent, note="Let op: al twee keer gebeld."
    )
    services.question_answer(
        question=question, body="Alleen voor de desk", visibility=Visibility.INTERNAL, actor=agent
    )
    services.question_answer(question=question, body="Publiek antwoord", actor=agent)

    asker_page = client.get(f"/voorzet/vraag/volgen/{services.follow_token(question)}/").content.decode()
    assert "Publiek antwoord" in asker_page
    assert "al twee keer gebeld" not in asker_page and "Alleen voor de desk" not in asker_page
    client.force_login(adviser)
    partner_page = client.get(f"/voorzet/partner/vragen/{question.pk}/").content.decode()
    assert "al twee keer gebeld" in partner_page and "Alleen voor de desk" not in partner_page
    client.force_login(agent)
    agent_page = client.get(f"/voorzet/vragen/{question.pk}/").content.decode()
    assert "al twee keer gebeld" in agent_page and "Alleen voor de desk" in agent_page
    # and no mail to the asker carries the note
    assert not any("al twee keer gebeld" in m.body for m in mail.outbox)


def test_merging_two_questions_of_the_same_asker(client, agents):
    agent = agents[0]
    first = ask(subject="Eerste")
    second = ask(subject="Tweede", body="Nog een vraag")
    services.question_answer(question=second, body="Een antwoord", actor=agent)
    other_asker = ask(subject="Ander", email="other@example.org")
    with pytest.raises(services.SupportError):
        services.question_merge(source=other_asker, target=first, actor=agent)
    services.question_merge(source=second, target=first, actor=agent)
    second.refresh_from_db()
    assert second.status == Status.CLOSED and second.merged_into == first and second.outcome == "merged"
    assert first.messages.filter(body="Een antwoord").exists()
    response = client.get(f"/voorzet/vraag/volgen/{services.follow_token(second)}/")
    assert response.status_code == 302 and response.url.endswith(f"{services.follow_token(first)}/")
    assert "Eerste" in {q.subject for q in page_of(agent)} and "Tweede" not in {
        q.subject for q in page_of(agent)
    }


def test_notifications_new_question_reply_assignment_and_deadline(
    agents, django_capture_on_commit_callbacks, settings
):
    settings.LOKET_PUBLIC_URL = "https://loket.example.be"
    me, other = agents
    with django_capture_on_commit_callbacks(execute=True):
        question = ask()
    new_mails = [m for m in mail.outbox if "Nieuwe vraag" in m.subject or "New question" in m.subject]
    assert {m.to[0] for m in new_mails} == {me.email, other.email}  # nobody has it: the team
    assert f"https://loket.example.be/voorzet/vragen/{question.pk}/" in new_mails[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.question_assign(question=question, assignee=me, actor=other)
        services.question_asker_reply(question=question, body="Nog iets", actor=None)
    assert [m.to for m in mail.outbox] == [[me.email], [me.email]]  # assigned to me, then the reply to me

    mail.outbox.clear()
    Question.objects.filter(pk=question.pk).update(due_at=timezone.now() + timedelta(minutes=50))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadline_warnings_send() == 1
        assert services.deadline_warnings_send() == 0
    assert [m.to for m in mail.outbox] == [[me.email]]


def test_the_team_address_takes_new_questions_when_set(agents, deliver_mail, settings):
    settings.LOKET_SUPPORT_TEAM_EMAIL = "team@voorzet.example"
    with deliver_mail:
        ask()
    assert ["team@voorzet.example"] in [m.to for m in mail.outbox]
    assert not any(m.to == [agents[0].email] for m in mail.outbox)


def test_canned_answers_are_managed_with_placeholders(client, agents):
    agent = agents[0]
    client.force_login(agent)
    response = client.post(
        "/voorzet/standaardantwoorden/nieuw/",
        {"title": "Welkom", "theme": Theme.GENERAL, "body": "Dag {naam}, over {onbekend}"},
    )
    assert (
        response.status_code == 200 and "{onbekend}" in response.content.decode()
    )  # refused, with the reason
    client.post(
        "/voorzet/standaardantwoorden/nieuw/",
        {"title": "Welkom", "theme": Theme.GENERAL, "body": "Dag {naam}, over {locatie} ({referentie})"},
    )
    organiser = make_organiser(name="Regenboog vzw")
    location = make_location(organiser=organiser, name="De Regenboog")
    question = ask(location=location, name="Mieke")
    from loket.support.models import CannedAnswer

    canned = CannedAnswer.objects.get(title="Welkom")
    page = client.get(f"/voorzet/vragen/{question.pk}/?use={canned.pk}").content.decode()
    assert f"Dag Mieke, over De Regenboog ({question.reference})" in page
    client.post(
        f"/voorzet/standaardantwoorden/{canned.pk}/",
        {"title": "Welkom", "theme": Theme.GENERAL, "body": "Nieuw", "retired": "on"},
    )
    assert "Welkom" not in client.get("/voorzet/standaardantwoorden/").content.decode()
    assert "Welkom" in client.get("/voorzet/standaardantwoorden/?retired=1").content.decode()


def test_the_provider_panel_shows_the_free_places_of_the_providers_own_portal(client, agents):
    from datetime import date

    from loket.supply.services import opening_declare

    organiser = make_organiser(name="Stad Deinze")
    staff = make_user(Role.PROVIDER_STAFF, organiser=organiser)
    first = make_location(organiser=organiser)
    second = make_location(organiser=organiser)
    month = date.today().replace(day=1)
    next_month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    opening_declare(
        location=first,
        actor=staff,
        tariff="income",
        start_month=next_month,
        weekdays=[1, 2, 3, 4, 5],
        count=12,
    )
    opening_declare(
        location=second, actor=staff, tariff="income", start_month=next_month, weekdays=[1, 2], count=5
    )
    client.force_login(staff)
    portal = client.get("/aanbieder/").context["locations"]
    question = ask(organiser=organiser)
    client.force_login(agents[0])
    page = client.get(f"/voorzet/vragen/{question.pk}/").content.decode()
    panel = re.search(r'id="panel-free-places">(\d+)<', page).group(1)
    assert panel == "17" == str(sum(location.free_places for location in portal))
