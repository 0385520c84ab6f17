"""The families' desk in a real browser: a parent finds childcare near a postcode, registers a child with three ranked
choices (making mistakes on the way), comes back through a one-time sign-in link, changes a choice (the registration
date stays) and answers an offer; in Dutch, English and Arabic (right to left). Every family page has zero axe-core
violations and reflows at 320 px, in Dutch and in Arabic.

The screenshots of the registration steps are taken on every run; LOKET_SCREENSHOTS=1 writes them to docs/screens/."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from families_helpers import link_from_outbox, make_offer, next_month
from playwright.sync_api import expect

from loket.allocation.models import Offer
from loket.demand.lifecycle import Status
from loket.demand.models import ChildcareRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"
STEPS = ("woonplaats", "kinderen", "kind", "opvang", "keuzes", "voorrang", "contact", "controle")


# Helpers


def violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x) {v['nodes'][0]['target']}"
        for v in result.response["violations"]
    ]


def overflow_at_320(page) -> int:
    """How many pixels the page is wider than a 320 px screen (WCAG 1.4.10 reflow); the viewport is restored."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 720})
    try:
        return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    finally:
        page.set_viewport_size(size)


class PageChecks:
    """Collects every page's axe violations and 320 px overflow, so one run names all the problems at once."""

    def __init__(self, page, language: str):
        self.page, self.language, self.problems, self.labels = page, language, [], []

    def __call__(self, label: str) -> None:
        page = self.page
        self.labels.append(label)
        direction = page.evaluate("document.documentElement.dir")
        if direction != ("rtl" if self.language == "ar" else "ltr"):
            self.problems.append(f"{label}: dir={direction}")
        if page.evaluate("document.documentElement.lang") != self.language:
            self.problems.append(f"{label}: lang={page.evaluate('document.documentElement.lang')}")
        self.problems += [f"{label}: {v}" for v in violations(page)]
        overflow = overflow_at_320(page)
        if overflow > 0:
            self.problems.append(f"{label}: {overflow} px too wide at 320 px")


def at(path: str) -> re.Pattern:
    """A page's address; a fragment from following an error summary link survives the redirect after a POST."""
    return re.compile(rf"^http://[^/]+{re.escape(path)}(#.*)?$")


def choose_language(page, live_server, code: str) -> None:
    page.goto(live_server.url + "/gezin/aanvraag/")
    if code != "nl":
        page.locator(f'.loket-language button[value="{code}"]').click()
        expect(page.locator("html")).to_have_attribute("lang", code)


def submit(page) -> None:
    """Press the page's main button (Continue, Send, Save...)."""
    page.locator("main form .loket-buttons .utrecht-button--primary-action").first.click()


def submit_to(page, step: str) -> None:
    submit(page)
    page.wait_for_url(at(f"/gezin/aanvraag/stap/{step}/"))


def submit_with_errors(page) -> list[str]:
    """Press the main button on a page with mistakes; returns the error summary's links (each pointing at a field)."""
    url = page.url
    submit(page)
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    # At the top: above the page's heading and its questions.
    assert summary.bounding_box()["y"] < page.locator("main h1").bounding_box()["y"]
    assert re.split("[?#]", page.url)[0] == re.split("[?#]", url)[0]
    assert page.title().startswith(("Fout", "Error", "خطأ")), page.title()
    return summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def follow_summary_link(page, href: str) -> None:
    """Clicking a link in the error summary puts the focus on the field it names."""
    page.locator(f'[data-error-summary] a[href="{href}"]').click()
    expect(page.locator(href)).to_be_focused()


def add_choice(page, location) -> None:
    """Add a location from the choice step's list (nearest first)."""
    count = page.locator("#keuzes .loket-choice").count()
    page.locator(f'#choice-results button[value="add:{location.pk}"]').click()
    page.locator("#keuzes .loket-choice").nth(count).wait_for()


def chosen_names(page) -> list[str]:
    return [
        name.split("\n")[-1].rsplit(" (", 1)[0].strip()
        for name in page.locator("#keuzes .loket-choice__name").all_inner_texts()
    ]


def register(page, live_server, area, *, email: str, language: str, mistakes: bool, checks=None) -> None:
    """Walk the registration from the start page to the done page, by ids (so it works in every language)."""
    check = checks or (lambda label: None)
    first, second, third, _fourth = area["locations"]
    if page.url != live_server.url + "/gezin/aanvraag/":
        page.goto(live_server.url + "/gezin/aanvraag/")
    check("start")
    page.locator(".loket-buttons a.utrecht-button--primary-action").click()
    page.wait_for_url("**/stap/woonplaats/")
    check("step woonplaats")
    if mistakes:
        page.locator("#id_postcode").fill("12")
        assert submit_with_errors(page) == ["#id_postcode"]
        check("step woonplaats with an error")
        follow_summary_link(page, "#id_postcode")
    page.locator("#id_postcode").fill("9800")
    submit_to(page, "kinderen")
    check("step kinderen")
    if mistakes:
        assert submit_with_errors(page) == ["#id_count_0"]
        follow_summary_link(page, "#id_count_0")
    page.locator("#id_count_0").check()
    submit_to(page, "kind")
    check("step kind")
    page.locator("#id_c1_first_name").fill("Lotte")
    page.locator("#id_c1_born_0").check()
    if mistakes:
        page.locator("#id_c1_date").fill(f"{int(next_month(0)[:4]) + 1}-01-15")  # in the future
        assert submit_with_errors(page) == ["#id_c1_date"]
        check("step kind with an error")
        follow_summary_link(page, "#id_c1_date")
    page.locator("#id_c1_date").fill("2026-06-01")
    submit_to(page, "opvang")
    check("step opvang")
    page.locator("#id_start_earliest").fill(next_month(5))
    page.locator("#id_start_latest").fill(next_month(2))
    if mistakes:
        assert submit_with_errors(page) == ["#id_start_latest", "#id_weekdays_0"]
        check("step opvang with errors")
        follow_summary_link(page, "#id_weekdays_0")
        follow_summary_link(page, "#id_start_latest")
    page.locator("#id_start_earliest").fill(next_month(2))
    page.locator("#id_start_latest").fill(next_month(5))
    for day in ("0", "1", "3"):  # Monday, Tuesday, Thursday
        page.locator(f"#id_weekdays_{day}").check()
    submit_to(page, "keuzes")
    check("step keuzes")
    if mistakes:
        assert submit_with_errors(page) == ["#id_location"]
        check("step keuzes with an error")
        follow_summary_link(page, "#id_location")
    for location in (second, first, third):
        add_choice(page, location)
    # Reordering swaps the list in place (htmx): the first-added moves down to second.
    page.locator(f'#keuzes button[value="down:{second.pk}"]').click()
    expect(page.locator("#keuzes .loket-choice").first).to_contain_text(first.name)
    assert chosen_names(page) == [first.name, second.name, third.name]
    assert page.locator("#id_location").count() == 0  # three is the maximum here
    check("step keuzes with three choices")
    submit_to(page, "voorrang")
    check("step voorrang")
    page.locator("#id_work").check()
    submit_to(page, "contact")
    check("step contact")
    page.locator("#id_first_name").fill("Sara")
    page.locator("#id_last_name").fill("Peeters")
    page.locator("#id_email").fill("sara-at-example" if mistakes else email)
    page.locator("#id_phone").fill("+32 470 12 34 56")
    page.locator(f'input[name="preferred_language"][value="{language}"]').check()
    page.locator('input[name="sign_in"][value="link"]').check()
    check("step contact filled in")
    if mistakes:
        assert submit_with_errors(page) == ["#id_email"]
        check("step contact with an error")
        follow_summary_link(page, "#id_email")
        page.locator("#id_email").fill(email)
    submit_to(page, "controle")
    check("step controle")
    summary = page.locator(".loket-summary").inner_text()
    for name in (first.name, second.name, third.name, "Lotte", email):
        assert name in summary
    if mistakes:
        assert submit_with_errors(page) == ["#id_sworn", "#id_consent"]
        check("step controle with errors")
        follow_summary_link(page, "#id_consent")
    page.locator("#id_sworn").check()
    page.locator("#id_consent").check()
    submit(page)
    page.wait_for_url(at("/gezin/aanvraag/klaar/"))
    check("done")


def sign_out(page) -> None:
    page.locator(".loket-nav__account button").click()
    page.wait_for_selector(".loket-nav__account a")


def sign_in_with_link(page, live_server, email: str, checks=None) -> None:
    """Ask for a link on the sign-in page and open it, as from the e-mail."""
    check = checks or (lambda label: None)
    page.goto(live_server.url + "/gezin/aanmelden/")
    check("sign in")
    page.locator("#id_email").fill(email)
    submit(page)
    expect(page.locator("#id_email")).to_have_count(0)
    check("sign in: link sent")
    link = link_from_outbox(email)
    page.goto(link)
    check("sign in: open the link")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(at("/gezin/"))


def untranslated(page, language: str, known: list[str]) -> list[str]:
    """Text in the page's main part that is not in its language: Dutch words on an English page, or runs of three
    Latin-script words on an Arabic one (names from the data, in `known`, left out)."""
    text = page.locator("main").inner_text()
    for value in sorted(known, key=len, reverse=True):
        text = text.replace(value, " ")
    if language == "ar":
        return re.findall(r"[A-Za-z][A-Za-z'’-]+(?:[ ,.:]+[A-Za-z][A-Za-z'’-]+){2,}", text)
    dutch = r"\b(de|het|een|uw|van|voor|niet|wij|aanvraag|kinderopvang|plaats|kiezen|verder|keuzes)\b"
    return re.findall(dutch, text, flags=re.IGNORECASE)


# The walks


def test_a_parent_finds_registers_comes_back_changes_a_choice_and_answers_an_offer(page, live_server, area):
    first, second, third, fourth = area["locations"]
    # Find childcare near a postcode, open a location and go to the registration from there.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Zoek kinderopvang in uw buurt").click()
    page.get_by_label("Uw postcode of adres").fill("9800")
    page.get_by_role("button", name="Toon locaties").click()
    page.wait_for_url("**place=9800**")
    results = page.locator("#finder-results .guide-card__title").all_inner_texts()
    assert sorted(results) == sorted(loc.name for loc in area["locations"])
    page.get_by_role("link", name=first.name).click()
    assert page.get_by_role("heading", level=1).inner_text() == first.name
    page.get_by_role("link", name="Schrijf uw vraag in").click()
    page.wait_for_url("**/gezin/aanvraag/")
    assert page.get_by_role("heading", level=1).inner_text() == "Inschrijven voor kinderopvang"

    # Register, with mistakes on every page that can have one.
    register(page, live_server, area, email="sara@example.org", language="nl", mistakes=True)
    assert "Inschrijving ontvangen" in page.locator("main").inner_text()
    request = ChildcareRequest.objects.get()
    assert [c.location for c in request.choices.order_by("rank")] == [first, second, third]
    assert request.weekdays == (1, 2, 4) and request.work and request.child.first_name == "Lotte"
    assert request.child.family.reference in page.locator("main").inner_text()
    registered_at = request.registered_at

    # Come back later through a one-time link by e-mail.
    sign_out(page)
    mail.outbox.clear()
    sign_in_with_link(page, live_server, "sara@example.org")
    status = page.locator("main").inner_text()
    assert "Lotte" in status and "Wacht op een plaats" in status

    # Change a choice: the fourth location replaces the third, then moves up to second.
    page.get_by_role("link", name="Keuzes wijzigen").click()
    page.wait_for_url(at(f"/gezin/aanvraag/{request.pk}/keuzes/"))
    page.get_by_role("button", name=re.compile(rf"^Verwijderen\s*:\s*{third.name}$")).click()
    expect(page.locator("#keuzes .loket-choice")).to_have_count(2)
    page.get_by_role("button", name=re.compile(rf"^Toevoegen\s*:\s*{fourth.name}$")).click()
    page.locator("#keuzes .loket-choice").nth(2).wait_for()
    page.wait_for_load_state("load")  # htmx is ready (without it, the buttons post the whole page)
    # By keyboard: the list is swapped in place, the focus stays on the moved choice and the new order is announced.
    page.get_by_role("button", name=re.compile(rf"^Hoger\s*:\s*{fourth.name}$")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#keuzes .loket-choice").nth(1)).to_contain_text(fourth.name)
    expect(page.locator(f'#keuzes button[value="up:{fourth.pk}"]')).to_be_focused()
    expect(page.locator("#keuzes-status")).to_contain_text(f"Keuze 2: {fourth.name}")
    assert chosen_names(page) == [first.name, fourth.name, second.name]
    page.get_by_role("link", name="Klaar").click()
    page.wait_for_url(at("/gezin/"))
    request.refresh_from_db()
    assert [c.location for c in request.choices.order_by("rank")] == [first, fourth, second]
    assert request.registered_at == registered_at
    status = page.locator("main").inner_text()
    assert status.index(first.name) < status.index(fourth.name) < status.index(second.name)
    with translation.override("nl"):
        assert f"Ingeschreven op\n{date_format(timezone.localtime(registered_at), 'DATE_FORMAT')}" in status

    # An offer: declining needs a reason (the summary links to the field); then the parent accepts.
    offer = make_offer(request, fourth)
    page.reload()
    page.get_by_role("link", name="Antwoord op het aanbod").click()
    page.wait_for_url(at(f"/gezin/aanbod/{offer.pk}/"))
    assert fourth.name in page.locator("main").inner_text()
    page.get_by_role("button", name="Deze plaats weigeren").click()
    page.locator("[data-error-summary]").wait_for()
    follow_summary_link(page, "#id_reason")
    page.get_by_role("button", name="Deze plaats aanvaarden").click()
    page.wait_for_url(at("/gezin/"))
    assert "aanvaard" in page.locator(".loket-messages").inner_text()
    offer.refresh_from_db()
    request.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED and request.status == Status.ACCEPTED
    assert request.registered_at == registered_at


@pytest.mark.parametrize("language", ["en", "ar"])
def test_registering_signing_in_and_answering_an_offer_in_english_and_arabic(
    page, live_server, area, language
):
    first, second, third, _fourth = area["locations"]
    known = [loc.name for loc in area["locations"]] + [area["municipality"].name, "Lotte", "Sara Peeters"]
    known += ["sara@example.org", "English", "Nederlands", "Français", "Peeters", "Sara"]
    choose_language(page, live_server, language)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    seen = {}

    def look(label):
        assert page.evaluate("document.documentElement.lang") == language, label
        if language == "ar":
            assert page.evaluate("document.documentElement.dir") == "rtl", label
        seen[label] = untranslated(page, language, known)

    register(page, live_server, area, email="sara@example.org", language=language, mistakes=True, checks=look)
    request = ChildcareRequest.objects.get()
    assert [c.location for c in request.choices.order_by("rank")] == [first, second, third]
    assert request.child.family.preferred_language == language
    assert "sara@example.org" in mail.outbox[0].to
    sign_out(page)
    sign_in_with_link(page, live_server, "sara@example.org", checks=look)
    look("status")
    offer = make_offer(request, second)
    page.reload()
    page.locator(f'a[href="/gezin/aanbod/{offer.pk}/"]').click()
    page.wait_for_url(at(f"/gezin/aanbod/{offer.pk}/"))
    look("offer")
    page.locator('button[value="decline"]').click()
    page.locator("[data-error-summary]").wait_for()
    look("offer with an error")
    follow_summary_link(page, "#id_reason")
    page.locator("#id_reason").fill("Too far from work" if language == "en" else "بعيد جدا عن العمل")
    page.locator('button[value="decline"]').click()
    page.wait_for_url(at("/gezin/"))
    look("status after declining")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    assert {label: found for label, found in seen.items() if found} == {}


# Every page: axe-core and 320 px


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_every_family_page_has_no_axe_violations_and_reflows_at_320_px(page, live_server, area, language):
    check = PageChecks(page, language)
    choose_language(page, live_server, language)
    register(
        page, live_server, area, email="sara@example.org", language=language, mistakes=True, checks=check
    )
    request = ChildcareRequest.objects.get()
    sign_out(page)
    sign_in_with_link(page, live_server, "sara@example.org", checks=check)
    check("status page")
    pages = {
        "change choices": f"/gezin/aanvraag/{request.pk}/keuzes/",
        "change wishes": f"/gezin/aanvraag/{request.pk}/wensen/",
        "withdraw": f"/gezin/aanvraag/{request.pk}/stoppen/",
        "privacy text": "/gezin/privacy/",
        "set password": "/gezin/wachtwoord/",
    }
    for label, path in pages.items():
        page.goto(live_server.url + path)
        check(label)
    page.goto(live_server.url + f"/gezin/aanvraag/{request.pk}/wensen/")
    page.locator('input[name="weekdays"]').evaluate_all("boxes => boxes.forEach(b => b.checked = false)")
    submit_with_errors(page)
    check("change wishes with an error")
    page.goto(live_server.url + "/gezin/wachtwoord/")
    page.locator("#id_new_password1").fill("kort")
    page.locator("#id_new_password2").fill("anders")
    submit_with_errors(page)
    check("set password with an error")
    # "Are you still looking?" on the status page, answered there.
    request.reconfirm_asked_at = request.registered_at
    request.save(update_fields=["reconfirm_asked_at"])
    page.goto(live_server.url + "/gezin/")
    check("status page asking: still looking?")
    page.locator(f'form[action="/gezin/aanvraag/{request.pk}/nog-zoekend/"] button').click()
    page.locator(".loket-messages").wait_for()
    check("status page after: still looking")
    # An offer, with the decline reason missing.
    offer = make_offer(request, area["locations"][0])
    page.goto(live_server.url + "/gezin/")
    check("status page with an offer")
    page.goto(live_server.url + f"/gezin/aanbod/{offer.pk}/")
    check("offer answer")
    page.locator('button[value="decline"]').click()
    page.locator("[data-error-summary]").wait_for()
    check("offer answer with an error")
    # Signed out: the code sign-in and a used link.
    sign_out(page)
    page.goto(live_server.url + "/gezin/aanmelden/code/")
    check("code sign in")
    page.locator("#id_reference").fill("ABCD-2345")
    page.locator("#id_code").fill("XXXXX-XXXXX")
    submit_with_errors(page)
    check("code sign in with an error")
    page.goto(live_server.url + "/gezin/aanmelden/")
    submit_with_errors(page)
    check("sign in with an error")
    page.goto(link_from_outbox("sara@example.org"))
    check("sign in: a used link")
    assert len(check.labels) >= 30
    assert check.problems == []


# Screenshots


def test_screenshots_of_every_registration_step_at_320_and_1280_px(browser, live_server, area, tmp_path):
    screens = SCREENS if os.environ.get("LOKET_SCREENSHOTS") else tmp_path
    screens.mkdir(parents=True, exist_ok=True)
    wanted = (
        "start",
        *STEPS,
        "woonplaats-with-an-error",
        "keuzes-with-three-choices",
        "contact-filled-in",
        "controle-with-errors",
        "done",
    )
    for language, width in (("nl", 320), ("nl", 1280), ("ar", 320)):
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        choose_language(page, live_server, language)
        suffix = f"{width}" if language == "nl" else f"{language}-{width}"
        taken = []

        def shoot(label, page=page, suffix=suffix, taken=taken):
            name = label.removeprefix("step ").replace(" ", "-")
            if name in wanted:
                page.screenshot(path=screens / f"families-register-{name}-{suffix}.png", full_page=True)
                taken.append(name)

        register(
            page,
            live_server,
            area,
            email=f"scherm-{suffix}@example.org",
            language=language,
            mistakes=True,
            checks=shoot,
        )
        assert sorted(taken) == sorted(wanted)
        context.close()
    assert len(list(screens.glob("families-register-*.png"))) == 3 * len(wanted)


def test_a_family_registers_choosing_by_distance_gets_an_offer_sees_its_details_and_accepts(
    page, live_server, area
):
    from decimal import Decimal

    from loket.testing.factories import make_location, make_postcode

    zulte = make_postcode(area["municipality"], code="9870", place="Zulte")
    near = make_location(
        municipality=area["municipality"], postcode=zulte, name="Naast de deur", latitude=Decimal("51.00500")
    )
    far = make_location(
        municipality=area["municipality"], postcode=zulte, name="Ver weg", latitude=Decimal("51.20000")
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    page.locator(".loket-start-button").click()
    page.wait_for_url("**/gezin/aanvraag/")
    page.locator(".loket-buttons a.utrecht-button--primary-action").click()
    page.locator("#id_postcode").fill("9800")
    submit_to(page, "kinderen")
    page.locator("#id_count_0").check()
    submit_to(page, "kind")
    page.locator("#id_c1_first_name").fill("Noor")
    page.locator("#id_c1_born_0").check()
    page.locator("#id_c1_date").fill("2026-06-01")
    submit_to(page, "opvang")
    page.locator("#id_start_earliest").fill(next_month(2))
    page.locator("#id_start_latest").fill(next_month(5))
    for day in ("0", "1"):
        page.locator(f"#id_weekdays_{day}").check()
    submit_to(page, "keuzes")

    # Nearest first, with the distance; then only up to 2 km, filtered live (htmx) on the server.
    titles = page.locator("#choice-results .loket-choice-result__title > bdi")
    names = titles.all_inner_texts()
    assert names.index("Naast de deur") < names.index("Ver weg") == len(names) - 1
    assert "22,2" in page.locator("#choice-results").inner_text()
    page.wait_for_load_state("load")
    page.locator("#id_afstand").select_option("2")
    expect(page.locator("#choice-results")).not_to_contain_text("Ver weg")
    assert "afstand=2" in page.url
    page.screenshot(path=str(SCREENS / "families-choice-by-distance-1280.png")) if os.environ.get(
        "LOKET_SCREENSHOTS"
    ) else None
    page.locator(f'#choice-results button[value="add:{near.pk}"]').click()
    page.locator("#keuzes .loket-choice").first.wait_for()
    assert "Naast de deur" in page.locator("#keuzes").inner_text()
    submit_to(page, "voorrang")
    submit_to(page, "contact")
    page.locator("#id_first_name").fill("Yasmina")
    page.locator("#id_last_name").fill("El Idrissi")
    page.locator("#id_email").fill("yasmina@example.org")
    page.locator('input[name="preferred_language"][value="nl"]').check()
    page.locator('input[name="sign_in"][value="link"]').check()
    submit_to(page, "controle")
    page.locator("#id_sworn").check()
    page.locator("#id_consent").check()
    submit(page)
    page.wait_for_url(at("/gezin/aanvraag/klaar/"))
    request = ChildcareRequest.objects.get()
    assert [c.location for c in request.choices.all()] == [near]
    assert far.pk not in [c.location_id for c in request.choices.all()]

    # The provider confirmed; the family gets the offer and opens it from its page.
    offer = make_offer(request, near)
    page.get_by_role("link", name="Naar mijn aanvragen").click()
    page.get_by_role("link", name="Antwoord op het aanbod").click()
    page.wait_for_url(at(f"/gezin/aanbod/{offer.pk}/"))
    details = page.locator("main").inner_text()
    for expected in (
        "Geschatte prijs",
        "Openingsuren",
        near.street,
        "07:00–18:30",
        "Deze opvang was uw keuze 1.",
    ):
        assert expected in details, expected
    assert not violations(page)
    page.screenshot(path=str(SCREENS / "families-offer-1280.png")) if os.environ.get(
        "LOKET_SCREENSHOTS"
    ) else None
    page.get_by_role("button", name="Deze plaats aanvaarden").click()
    page.wait_for_url(at("/gezin/"))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
