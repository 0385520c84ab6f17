"""Done-when browser walks of issue 18, clicking only after the start page (links in e-mails are followed, as a person
would): two agents work a seeded queue of 200 questions with search, assignment and paging; one answers with a canned
answer they edited and an attachment; the other routes a question to a partner with a note the asker never sees; the
partner's adviser is mailed personally and answers; the asker's reply notifies the assignee. And a starter signs up,
works through the track and becomes a provider account."""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from loket.accounts.choices import Role
from loket.support import services
from loket.support.models import (
    EventKind,
    Question,
    RoutingRule,
    Starter,
    StarterStatus,
    StarterStep,
    StepKind,
    Theme,
)
from loket.testing.browser import sign_in
from loket.testing.factories import (
    DEFAULT_PASSWORD,
    make_municipality,
    make_organiser,
    make_partner,
    make_postcode,
    make_user,
)

from .conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _accessible(page) -> None:
    result = Axe().run(page, options=AXE_OPTIONS)
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]
    assert violations == [], (page.url, violations)


def _new_page(browser):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _link(to: str, pattern: str) -> str:
    for message in reversed(mail.outbox):
        if to in message.to:
            found = re.search(pattern, message.body)
            if found:
                return found.group(0)
    raise AssertionError(f"no mail to {to} with {pattern}: {[(m.to, m.subject) for m in mail.outbox]}")


def _seed_queue(n: int = 200):
    """A queue of `n` open questions, as a busy month leaves it (stored directly: seeding is not under test)."""
    from loket.core.search import tokens_of
    from loket.support.business_time import desk_deadline

    themes = [Theme.GENERAL, Theme.ENTREPRENEURSHIP, Theme.ORGANISATION, Theme.PEDAGOGY, Theme.INCLUSIVE]
    topics = [
        "opvangplan",
        "sluitingsdagen",
        "kwalificatie",
        "brandveiligheid",
        "voeding",
        "slaapritme",
        "ouders",
    ]
    now = timezone.now()
    questions = []
    for i in range(n):
        subject = f"Vraag over {topics[i % len(topics)]} {i}"
        body = f"Een vraag van aanbieder {i} over {topics[i % len(topics)]}."
        asked = now - timedelta(hours=i)
        questions.append(
            Question(
                reference=f"V-S{i:05d}",
                subject=subject,
                body=body,
                theme=themes[i % len(themes)],
                asker_name=f"Aanbieder {i}",
                asker_email=f"aanbieder{i}@example.org",
                created_at=asked,
                updated_at=asked,
                due_at=desk_deadline(asked, 16),
                search_tokens=tokens_of(subject, body, f"Aanbieder {i}"),
            )
        )
    Question.objects.bulk_create(questions)


def test_two_agents_work_a_queue_of_200_questions(browser, live_server, settings):
    settings.LOKET_PUBLIC_URL = live_server.url
    settings.LOKET_SUPPORT_TEAM_EMAIL = "team@voorzet.example"
    first_agent = make_user(Role.SUPPORT_AGENT, email="ann@voorzet.example")
    second_agent = make_user(Role.SUPPORT_AGENT, email="bert@voorzet.example")
    unizo = make_partner(name="UNIZO Oost-Vlaanderen", kind="provider_support", email="info@unizo.example")
    adviser = make_user(Role.PARTNER_ADVISER, partner=unizo, email="pieter@unizo.example")
    RoutingRule.objects.create(theme=Theme.ENTREPRENEURSHIP, partner=unizo)
    services.canned_save(
        data={
            "title": "Huisreglement nakijken",
            "theme": Theme.ORGANISATION,
            "body": "Dag {naam}, stuur ons je huisreglement.",
        },
        actor=None,
    )
    organiser = make_organiser(name="Kinderopvang De Regenboog")
    _seed_queue(200)
    rules = services.question_ask(
        subject="Ons huishoudelijk reglement",
        body="Kunnen jullie ons huisreglement nakijken voor de nieuwe voorrangsregels?",
        theme=Theme.ORGANISATION,
        name="Mieke Peeters",
        email="mieke@example.org",
        organiser=organiser,
        actor=None,
    )
    takeover = services.question_ask(
        subject="Overname van een crèche",
        body="Ik overweeg een crèche over te nemen. Gaat de vergunning mee?",
        theme=Theme.ENTREPRENEURSHIP,
        name="Karim Bouzid",
        email="karim@example.org",
        actor=None,
    )

    # Ann: the queue pages; she searches, takes the question, edits a canned answer and answers with a file.
    ann = _new_page(browser)
    sign_in(ann, live_server, first_agent.email, DEFAULT_PASSWORD)
    expect(ann.locator("#queue-summary")).to_contain_text("202")
    _accessible(ann)
    ann.locator("a[rel=next]").first.click()
    expect(ann.locator("#queue-summary")).to_contain_text("2")
    ann.locator("#q").fill("huishoudelijk reglement")
    ann.locator("form.support-filters button[type=submit]").click()
    expect(ann.locator("#queue-summary")).to_contain_text("1")
    ann.locator("table form input[name=take] + input + button").click()
    rules.refresh_from_db()
    assert rules.assignee == first_agent
    ann.locator(".support-nav a[href$='/standaardantwoorden/']").click()
    ann.get_by_role("link", name=re.compile("Huisreglement nakijken")).click()
    ann.locator("#id_body").fill(
        "Dag {naam}, stuur ons het huisreglement van {organisator}; we kijken het na."
    )
    ann.locator("form button.utrecht-button--primary-action").click()
    ann.locator(".support-nav a").first.click()
    ann.locator(".support-tabs a[href*='view=mine']").click()
    ann.get_by_role("link", name=re.compile("Ons huishoudelijk reglement")).click()
    ann.locator("details.loket-details > summary").first.click()
    ann.get_by_role("link", name=re.compile("Huisreglement nakijken")).click()
    expect(ann.locator("#id_body")).to_have_value(
        "Dag Mieke Peeters, stuur ons het huisreglement van Kinderopvang De Regenboog; we kijken het na."
    )
    ann.locator("#id_attachments").set_input_files(
        files=[{"name": "checklist-huisreglement.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    ann.locator("form:has(#id_body) button.utrecht-button--primary-action").click()
    expect(ann.locator(".support-thread")).to_contain_text("we kijken het na")
    expect(ann.locator(".support-thread")).to_contain_text("checklist-huisreglement.pdf")
    _accessible(ann)

    # Bert: finds the takeover question and routes it to UNIZO with a note for the partner only.
    bert = _new_page(browser)
    sign_in(bert, live_server, second_agent.email, DEFAULT_PASSWORD)
    bert.locator("#q").fill("overname")
    bert.locator("form.support-filters button[type=submit]").click()
    bert.get_by_role("link", name=re.compile("Overname van een crèche")).click()
    expect(bert.locator("#id_partner")).to_have_value(str(unizo.pk))
    bert.locator("#id_adviser").select_option(str(adviser.pk))
    bert.locator("#id_note").fill("Let op: Karim belde al twee keer, hij wil snel een afspraak.")
    bert.locator("form[action$='doorverwijzen/'] button[type=submit]").click()
    takeover.refresh_from_db()
    assert takeover.partner == unizo

    # The adviser is mailed personally, follows the link, reads the note and answers.
    link = _link(adviser.email, rf"{re.escape(live_server.url)}/voorzet/partner/vragen/\d+/")
    assert not any(m.to == ["info@unizo.example"] for m in mail.outbox)
    pieter = _new_page(browser)
    sign_in(pieter, live_server, adviser.email, DEFAULT_PASSWORD)
    pieter.goto(link)
    expect(pieter.locator(".support-thread")).to_contain_text("belde al twee keer")
    _accessible(pieter)
    pieter.locator("#id_body").fill("Dag Karim, de vergunning gaat niet mee. Wij bellen u morgen.")
    pieter.locator("form:has(#id_body) button.utrecht-button--primary-action").click()
    expect(pieter.locator(".support-thread")).to_contain_text("Wij bellen u morgen")

    # Karim follows the link in his mail: he reads the answer, never the note.
    karim = _new_page(browser)
    karim.goto(_link("karim@example.org", rf"{re.escape(live_server.url)}/voorzet/vraag/volgen/\S+/"))
    expect(karim.locator(".support-thread")).to_contain_text("Wij bellen u morgen")
    expect(karim.locator("main")).not_to_contain_text("twee keer")
    _accessible(karim)

    # Mieke replies through her link; Ann, who has her question, is mailed with a direct link.
    mieke = _new_page(browser)
    mieke.goto(_link("mieke@example.org", rf"{re.escape(live_server.url)}/voorzet/vraag/volgen/\S+/"))
    mieke.locator("#id_body").fill("Dank u! Hier is ons reglement.")
    mieke.locator("#id_attachments").set_input_files(
        files=[{"name": "reglement.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    mail.outbox.clear()
    mieke.locator("form:has(#id_body) button.utrecht-button--primary-action").click()
    expect(mieke.locator(".support-thread")).to_contain_text("Hier is ons reglement")
    link = _link(first_agent.email, rf"{re.escape(live_server.url)}/voorzet/vragen/{rules.pk}/")
    ann.goto(link)
    expect(ann.locator(".support-thread")).to_contain_text("Hier is ons reglement")
    ann.locator(".support-nav a").first.click()
    expect(ann.locator(".loket-tiles")).to_contain_text("1")
    assert Question.objects.get(pk=rules.pk).status == "new"


def test_a_starter_signs_up_works_the_track_and_becomes_a_provider(browser, live_server, settings):
    settings.LOKET_PUBLIC_URL = live_server.url
    make_postcode(make_municipality(name="Zulte"), code="9870", place="Zulte")
    agent = make_user(Role.SUPPORT_AGENT, email="ann@voorzet.example")
    kinds = [
        ("Je ondernemingsplan", StepKind.TICK),
        ("Tarief kiezen: inkomenstarief, vrije prijs of de IKT-mix", StepKind.TARIFF),
        ("Screening van je financieel plan", StepKind.TICK),
        ("Je rechtsvorm", StepKind.TICK),
        ("Je huisreglement", StepKind.TICK),
        ("De schriftelijke overeenkomst met ouders", StepKind.TICK),
        ("Intakegesprek met VoorZet", StepKind.INTAKE),
        ("Je locatie opent", StepKind.OPENING),
    ]
    for order, (title, kind) in enumerate(kinds, start=1):
        StarterStep.objects.create(order=order, title=title, kind=kind)
    make_event(
        kind=EventKind.INTAKE,
        title="Intakegesprek voor starters",
        capacity=1,
        online=True,
        venue="",
        join_url="https://meet.example.org/intake",
        starts_at=timezone.now() + timedelta(days=4),
    )

    page = _new_page(browser)
    page.goto(f"{live_server.url}/voorzet/vraag/")
    page.locator("a[href$='/voorzet/starten/']").first.click()
    _accessible(page)
    page.locator("#id_name").fill("Sofie De Smet")
    page.locator("#id_email").fill("sofie@example.org")
    page.locator("#id_municipality_name").fill("Zulte")
    page.locator("form:has(#id_email) button.utrecht-button--primary-action").click()
    expect(page.locator("main")).to_contain_text("sofie@example.org")
    page.goto(_link("sofie@example.org", rf"{re.escape(live_server.url)}/voorzet/starten/link/\S+/"))
    expect(page.locator(".support-steps")).to_contain_text("IKT-mix")
    _accessible(page)

    for title in (
        "Je ondernemingsplan",
        "Screening van je financieel plan",
        "Je rechtsvorm",
        "Je huisreglement",
    ):
        page.locator(f"li:has(h2:has-text('{title}')) form button").click()
        expect(page.locator(f"li.support-done:has(h2:has-text('{title}'))")).to_be_visible()
    tariff = page.locator("li:has(h2:has-text('IKT-mix'))")
    tariff.locator("#id_care_plan").select_option("group")
    tariff.locator("#id_planned_places").fill("18")
    tariff.locator("input[name=tariff_plan][value=mix]").check()
    tariff.locator("#id_income_places").fill("12")
    tariff.locator("button.utrecht-button--primary-action").click()
    expect(page.locator("li.support-done:has(h2:has-text('IKT-mix'))")).to_be_visible()
    page.locator("li:has(h2:has-text('Intakegesprek')) button").click()
    expect(page.locator("li.support-done:has(h2:has-text('Intakegesprek'))")).to_be_visible()
    assert any("meet.example.org/intake" in m.body for m in mail.outbox if m.to == ["sofie@example.org"])

    opening = page.locator("li:has(h2:has-text('Je locatie opent'))")
    opening.locator("summary").click()
    opening.locator("#id_organiser_name").fill("Kinderopvang Zonnebloem bv")
    opening.locator("#id_legal_plan").select_option("bv")
    opening.locator("#id_location_name").fill("Zonnebloem Zulte")
    opening.locator("#id_street").fill("Kerkstraat 12")
    opening.locator("#id_postcode").fill("9870")
    opening.locator("#id_licensed_capacity").fill("18")
    opening.locator("#id_licence_reference").fill("KO-2026-0042")
    opening.locator("#id_opens_on").fill((date.today() + timedelta(days=30)).isoformat())
    opening.locator("button.utrecht-button--primary-action").click()
    starter = Starter.objects.get(email="sofie@example.org")
    assert starter.status == StarterStatus.OPENING

    # The agent sees the opening on the home page, opens the starter and makes the provider account.
    ann = _new_page(browser)
    sign_in(ann, live_server, agent.email, DEFAULT_PASSWORD)
    ann.locator(".loket-tiles a[href*='status=opening']").click()
    ann.get_by_role("link", name="Sofie De Smet").click()
    ann.locator("#id_care_type").select_option("group")
    ann.locator("#id_tariff_regime").select_option("mix")
    ann.locator("#id_subsidy_step").select_option("2A")
    ann.locator("form[action$='aanbieder/'] button").click()
    expect(ann.locator("#starter-status")).not_to_have_text(re.compile("bevestigen|confirmed"))
    starter.refresh_from_db()
    assert starter.status == StarterStatus.PROVIDER

    # Sofie is mailed; in her own browser her home is now the provider's, with her location; her track stays.
    assert any(
        "/inloggen/" in m.body or live_server.url in m.body
        for m in mail.outbox
        if "sofie@example.org" in m.to
    )
    page.locator(".loket-nav a").first.click()
    page.locator(".loket-nav a[href='/aanbieder/']").click()
    expect(page.locator("main")).to_contain_text("Zonnebloem Zulte")
