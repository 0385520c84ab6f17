"""A desk administrator, by clicking only, invites a new desk worker from the desk's home; the worker opens the link in
the e-mail, chooses a password and works at once. The administrator finds no way to add a desk. The staff pages pass
axe-core (WCAG 2.1 AA) and reflow at 320 px."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from loket.accounts.choices import Role
from loket.accounts.models import User
from loket.testing.browser import sign_in
from loket.testing.factories import DEFAULT_PASSWORD, make_desk, make_location, make_municipality, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def checked(page, label: str, problems: list) -> None:
    result = Axe().run(page, options=AXE_OPTIONS)
    problems += [f"{label}: {v['id']} {v['help']}" for v in result.response["violations"]]
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 720})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size(size)
    if overflow > 0:
        problems.append(f"{label}: {overflow} px too wide at 320 px")


@pytest.fixture
def desk(live_server):
    desk = make_desk(name="Deinze-Zulte")
    make_location(municipality=make_municipality(desk))
    make_user(Role.DESK_ADMIN, desk=desk, email="beheer@loket.demo")
    return desk


def test_an_invited_desk_worker_sets_a_password_from_the_mail_and_works_at_once(page, live_server, desk):
    problems: list[str] = []
    sign_in(page, live_server, "beheer@loket.demo", DEFAULT_PASSWORD)
    page.get_by_role("link", name="Medewerkers", exact=True).click()
    assert page.get_by_role("heading", name="Medewerkers van Deinze-Zulte").is_visible()
    checked(page, "staff list", problems)

    page.get_by_role("link", name="Collega uitnodigen").click()
    checked(page, "invite form", problems)
    page.get_by_role("button", name="Uitnodiging versturen").click()  # a mistake first: nothing filled in
    assert page.locator("[data-error-summary]").is_visible()
    checked(page, "invite form with errors", problems)
    page.get_by_label("E-mailadres").fill("nieuw@loket.demo")
    page.get_by_label("Naam", exact=True).fill("Noor Nieuw")
    page.get_by_label("Rol").select_option(label="Loketmedewerker")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert page.get_by_role("heading", name="Noor Nieuw").is_visible()
    assert page.get_by_text("uitgenodigd, nog geen wachtwoord gekozen").is_visible()
    checked(page, "person", problems)

    # The administrator cannot add a desk: the management screens offer no way to.
    page.get_by_role("link", name="Beheer", exact=True).click()
    desks_row = page.locator("tr.model-desk")
    expect(desks_row).to_have_count(1)
    expect(desks_row.locator("a.addlink")).to_have_count(0)
    page.get_by_role("button", name=re.compile("Afmelden|Log out")).first.click()

    # The new colleague opens the link in the e-mail (on the host the administrator used) and chooses a password.
    message = next(m for m in mail.outbox if "nieuw@loket.demo" in m.to)
    link = re.search(r"https?://\S+/account/uitnodiging/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    checked(page, "choose a password", problems)
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("Zonnebloem-Akker-42")
    page.get_by_label("Nieuw wachtwoord bevestigen").fill("Zonnebloem-Akker-42")
    page.get_by_role("button", name="Bewaren en beginnen").click()

    # Signed in, on the desk's home, and at work: registering a family on the phone is one click away.
    assert page.get_by_role("main").get_by_role("heading", name="Deinze-Zulte", exact=True).is_visible()
    page.get_by_role("link", name="Gezin inschrijven").click()
    assert "/loket/inschrijven/" in page.url
    assert User.objects.get(email="nieuw@loket.demo").check_password("Zonnebloem-Akker-42")
    assert problems == []
