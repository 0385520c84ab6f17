"""Done-when browser tests: a starter asks a question, sees a suggested article and still submits; an agent refers it
to a partner; the partner answers; the starter sees the answer. A full event's waiting list moves up on a cancel."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from loket.accounts.choices import Role
from loket.support.models import Question, RegistrationStatus, RoutingRule, Theme
from loket.testing.browser import sign_in
from loket.testing.factories import DEFAULT_PASSWORD, make_partner, make_user

from .conftest import make_article, make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _new_page(browser):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_starter_question_referred_answered_and_seen(page, browser, live_server):
    make_article(
        slug="ondernemingsplan",
        title="Een ondernemingsplan opstellen",
        body="Wat hoort in een ondernemingsplan voor een kinderopvanglocatie: visie, doelgroep, markt en financiën.",
    )
    unizo = make_partner(name="UNIZO Oost-Vlaanderen")
    RoutingRule.objects.create(theme=Theme.ENTREPRENEURSHIP, partner=unizo)
    agent = make_user(Role.SUPPORT_AGENT)
    adviser = make_user(Role.PARTNER_ADVISER, partner=unizo)

    # the starter, without an account, types a question and sees a suggestion appear (htmx)
    page.goto(live_server.url + "/voorzet/vraag/")
    page.locator("#id_subject").fill("Ondernemingsplannen")
    page.locator("#id_body").press_sequentially(
        "Ik start een crèche. Wie helpt met mijn ondernemingsplannen?"
    )
    expect(page.locator("#suggestions")).to_contain_text("Een ondernemingsplan opstellen")
    page.locator("#id_theme").select_option(Theme.ENTREPRENEURSHIP.value)
    page.locator("#id_name").fill("Sara Starter")
    page.locator("#id_email").fill("sara@example.org")
    page.locator("button.utrecht-button--primary-action").click()
    expect(page).to_have_url(re.compile(r"/voorzet/vraag/volgen/"))
    follow_url = page.url
    question = Question.objects.get()
    assert question.asker is None and question.theme == Theme.ENTREPRENEURSHIP

    # the agent refers it with one click (the routing rule preselects the partner)
    agent_page = _new_page(browser)
    sign_in(agent_page, live_server, agent.email, DEFAULT_PASSWORD)
    agent_page.goto(live_server.url + "/voorzet/")
    agent_page.get_by_role("link", name=re.compile("Ondernemingsplannen")).click()
    expect(agent_page.locator("#id_partner")).to_have_value(str(unizo.pk))
    agent_page.locator("form[action$='doorverwijzen/'] button[type=submit]").click()
    question.refresh_from_db()
    assert question.partner == unizo

    # the partner's adviser finds it in their queue and answers
    partner_page = _new_page(browser)
    sign_in(partner_page, live_server, adviser.email, DEFAULT_PASSWORD)
    partner_page.goto(live_server.url + "/voorzet/partner/")
    partner_page.get_by_role("link", name=re.compile("Ondernemingsplannen")).click()
    partner_page.locator("#id_body").fill("Welkom! Wij plannen graag een gesprek over uw ondernemingsplan.")
    partner_page.locator("form:has(#id_body) button[type=submit]").click()
    expect(partner_page.locator(".support-thread")).to_contain_text("Wij plannen graag een gesprek")

    # the starter sees who has the question and the answer
    page.goto(follow_url)
    expect(page.locator(".loket-facts")).to_contain_text("UNIZO Oost-Vlaanderen")
    expect(page.locator(".support-thread")).to_contain_text(
        "Wij plannen graag een gesprek over uw ondernemingsplan."
    )


def test_a_full_events_waiting_list_moves_up_when_someone_cancels(page, browser, live_server):
    event = make_event(title="Netwerkmoment onthaalouders", capacity=1)

    def register(p, name, email):
        p.goto(f"{live_server.url}/voorzet/activiteiten/{event.pk}/")
        p.locator("#id_name").fill(name)
        p.locator("#id_email").fill(email)
        p.locator("button.utrecht-button--primary-action").click()
        expect(p).to_have_url(re.compile(r"/voorzet/inschrijving/"))

    with translation.override("nl"):
        label = {s: str(s.label) for s in RegistrationStatus}
    register(page, "An Eerste", "an@example.org")
    expect(page.locator("#registration-status")).to_have_text(label[RegistrationStatus.CONFIRMED])
    other = _new_page(browser)
    register(other, "Bert Tweede", "bert@example.org")
    expect(other.locator("#registration-status")).to_have_text(label[RegistrationStatus.WAITING])

    page.locator("input[value=cancel] + button").click()
    expect(page.locator("#registration-status")).to_have_text(label[RegistrationStatus.CANCELLED])

    other.reload()
    expect(other.locator("#registration-status")).to_have_text(label[RegistrationStatus.OFFERED])
    other.locator("input[value=claim] + button").click()
    expect(other.locator("#registration-status")).to_have_text(label[RegistrationStatus.CONFIRMED])
