"""A desk worker's day in a real browser, by clicking only from the desk's home: finds a family by name and by phone
with the search box in the header and opens its file; registers a family that phones, marking it urgent in the
wizard; registers the same child a second time and is warned, with a link to the existing file, before saving."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from loket.accounts.choices import Role
from loket.demand.models import ChildcareRequest
from loket.testing.browser import sign_in
from loket.testing.factories import (
    DEFAULT_PASSWORD,
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_postcode,
    make_request,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]


def _month(months_ahead: int) -> str:
    today = date.today()
    index = today.year * 12 + today.month - 1 + months_ahead
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@pytest.fixture
def scene(live_server):
    desk = make_desk(name="Loket Deinze-Zulte", max_choices=3)
    municipality = make_municipality(desk, name="Deinze")
    postcode = make_postcode(municipality, code="9800", place="Deinze")
    location = make_location(municipality=municipality, postcode=postcode, name="De Vlinder")
    worker = make_user(Role.DESK_WORKER, desk=desk, email="balie@example.org")
    family = make_family(desk)
    guardian = family.guardians.get()
    guardian.first_name, guardian.last_name, guardian.phone = "Sofie", "Peeters", "0471 12 34 56"
    guardian.save()
    make_request(family, locations=[location], first_name="Amélie", birth_date=date(2026, 3, 14))
    for n in range(3):  # other families, so the search has something to leave out
        make_request(make_family(desk), locations=[location], first_name=f"Kind{n}")
    return {"family": family, "worker": worker, "location": location}


def _search(page, text):
    box = page.get_by_role("search", name="Dossier zoeken").first.get_by_role("searchbox")
    box.fill(text)
    box.press("Enter")


def _register_by_phone(page, *, urgent_reason=""):
    page.get_by_role("link", name="Een gezin inschrijven").first.click()
    page.wait_for_url("**/loket/inschrijven/")
    start = page.locator("a[href$='/loket/inschrijven/stap/woonplaats/']")
    if start.count():
        start.click()
    else:
        page.get_by_role("button", name="Opnieuw beginnen").click()
    page.get_by_label("Postcode van het gezin").fill("9800")
    continue_button = page.locator("button.utrecht-button--primary-action")
    continue_button.click()
    page.locator("input[name=count][value='1']").check()
    continue_button.click()
    page.locator("input[name=c1_first_name]").fill("Lina")
    page.locator("input[name=c1_born][value=yes]").check()
    page.locator("input[name=c1_date]").fill("2026-06-01")
    continue_button.click()
    page.locator("input[name=start_earliest]").fill(_month(3))
    page.locator("input[name=start_latest]").fill(_month(6))
    for day in ("1", "2", "4"):
        page.locator(f"input[name=weekdays][value='{day}']").check()
    continue_button.click()
    # The choice step lists the desk's locations nearest the family first, each with its own Add button.
    page.get_by_role("button", name=re.compile(r"^Toevoegen\s*:\s*De Vlinder")).click()
    page.locator("#keuzes .loket-choice").first.wait_for()
    page.locator("button[name=action][value=next]").click()
    continue_button.click()  # the family's situation: none of these
    page.locator("input[name=first_name]").fill("Youssef")
    page.locator("input[name=last_name]").fill("El Amrani")
    page.locator("input[name=phone]").fill("+32 470 11 22 33")
    page.locator("input[name=preferred_language][value=nl]").check()
    page.locator("input[name=channel][value=phone]").check()
    continue_button.click()
    assert page.get_by_role("heading", name="Nakijken en inschrijven").is_visible()
    page.locator("input[name=sworn]").check()
    page.locator("input[name=consent]").check()
    if urgent_reason:
        page.get_by_label("Dringend: het gezin heeft snel een plaats nodig").check()
        page.get_by_label("Reden voor de dringendheid").fill(urgent_reason)


def test_a_desk_worker_finds_families_and_registers_one_by_phone(page, live_server, scene):
    reference = scene["family"].reference
    sign_in(page, live_server, scene["worker"].email, DEFAULT_PASSWORD)
    page.goto(live_server.url + "/loket/")

    # By name, from the search box in the header.
    _search(page, "peeters")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1 and "Amélie" in rows.first.inner_text()
    assert _violations(page) == [], "search results"
    rows.first.get_by_role("link", name=reference).click()
    assert (
        page.get_by_role("heading", level=1).inner_text().find(reference) >= 0 or reference in page.content()
    )

    # By phone, typed as the caller says it.
    _search(page, "0471/12.34.56")
    page.locator("table tbody tr").first.get_by_role("link", name=reference).click()
    assert f"/loket/dossier/{reference}/" in page.url

    # A family phones: registered in the worker's words, marked urgent on the check page.
    page.get_by_role("link", name="Loket", exact=True).first.click()
    _register_by_phone(page, urgent_reason="Moeder start opleiding over drie weken")
    assert _violations(page) == [], "check page"
    page.get_by_role("button", name="Gezin inschrijven", exact=True).click()
    page.get_by_role("link", name="Open het dossier van het gezin").click()
    new = ChildcareRequest.objects.get(child__first_name="Lina")
    assert new.urgent and new.urgency_reason == "Moeder start opleiding over drie weken"
    assert "Moeder start opleiding over drie weken" in page.get_by_test_id("timeline").inner_text()

    # The same child again: warned before saving, with the way to the existing file.
    page.get_by_role("link", name="Loket", exact=True).first.click()
    _register_by_phone(page)
    warning = page.get_by_role("alert").filter(has_text="Dit kind is misschien al ingeschreven")
    assert warning.is_visible()
    assert _violations(page) == [], "duplicate warning"
    page.get_by_role("button", name="Gezin inschrijven", exact=True).click()
    assert ChildcareRequest.objects.filter(child__first_name="Lina").count() == 1
    page.get_by_role("alert").filter(has_text="Dit kind is misschien al ingeschreven").get_by_role(
        "link", name=new.child.family.reference
    ).click()
    assert f"/loket/dossier/{new.child.family.reference}/" in page.url
