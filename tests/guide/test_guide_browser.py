"""A parent finds childcare near a postcode and estimates the price, in a real browser: by mouse and by keyboard, in
Dutch and Arabic (right to left), at 1280 and 320 px, with zero axe-core violations on every page.

The screenshots are taken on every run; `make screens` (LOKET_SCREENSHOTS=1) writes them to docs/screens/."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"


def violations(page) -> list[str]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x) {v['nodes'][0]['target']}"
        for v in result.response["violations"]
    ]


def choose_language(page, live_server, code: str) -> None:
    page.goto(live_server.url + "/")
    if code != "nl":
        page.locator(f'.loket-language button[value="{code}"]').click()
        page.wait_for_load_state()


def result_names(page) -> list[str]:
    return page.locator("#finder-results .guide-card__title").all_inner_texts()


def test_a_parent_finds_locations_near_a_postcode(page, live_server, area):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Zoek kinderopvang in uw buurt").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kinderopvang zoeken"
    page.get_by_label("Uw postcode of adres").fill("9870")
    page.get_by_label("Afstand").select_option("20")
    page.get_by_role("button", name="Toon locaties").click()
    page.wait_for_url("**place=9870**")
    assert result_names(page)[0] == "Gezinsopvang Leieland"
    assert "3 locaties gevonden, dichtst bij 9870 Zulte eerst." in page.locator("#finder-count").inner_text()
    # Live filtering (htmx): ticking a box updates the list and the address without a new page.
    page.evaluate("window.__same_page = true")
    page.get_by_label("Inkomenstarief").check()
    page.wait_for_url("**tariffs=income**")
    assert page.evaluate("window.__same_page === true")
    assert result_names(page) == ["Kinderdagverblijf Markt", "Kinderdagverblijf Astene"]  # nearest first
    assert "2 locaties gevonden" in page.locator("#finder-count").inner_text()
    page.get_by_role("link", name="Kinderdagverblijf Markt").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kinderdagverblijf Markt"
    assert "van het centrum van 9870 Zulte" in page.locator("main").inner_text()
    assert "Vrije plaatsen" in page.locator("main").inner_text()


def test_an_unknown_postcode_gets_a_clear_message_linked_to_the_field(page, live_server, area):
    page.goto(live_server.url + "/kinderopvang/zoeken/")
    page.get_by_label("Uw postcode of adres").fill("1000")
    page.get_by_role("button", name="Toon locaties").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "We kennen deze postcode of plaats niet" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_place"


def test_the_finder_works_by_keyboard_only_and_without_javascript(browser, live_server, area):
    context = browser.new_context(locale="nl-BE", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/kinderopvang/zoeken/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_place":
            break
    page.keyboard.type("Kerkstraat 4, 9800 Astene")
    page.keyboard.press("Enter")
    page.wait_for_url("**place=**")
    assert result_names(page)[0] == "Kinderdagverblijf Astene"
    context.close()


def test_in_arabic_the_page_is_right_to_left_and_finds_the_same_places(page, live_server, area):
    choose_language(page, live_server, "ar")
    page.goto(live_server.url + "/kinderopvang/zoeken/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#id_place").fill("9870")
    page.locator(".guide-filters button[type=submit]").click()
    page.wait_for_url("**place=9870**")
    assert result_names(page)[0] == "Gezinsopvang Leieland"
    assert "الأقرب إلى" in page.locator("#finder-count").inner_text()


def _calculate(page, income="40000"):
    page.get_by_label("Gezamenlijk belastbaar beroepsinkomen, per jaar, in euro").fill(income)
    page.get_by_role("button", name="Bereken", exact=True).click()


def test_the_price_calculator(page, live_server, area):
    page.goto(live_server.url + "/wat-kost-het/")
    page.get_by_role("button", name="Bereken", exact=True).click()
    assert "Vul uw gezamenlijk belastbaar inkomen in" in page.locator("[data-error-summary]").inner_text()
    _calculate(page)
    result = page.locator(".guide-result")
    assert "15,40" in result.locator(".guide-price__amount").inner_text()
    assert "Gezinsopvang Leieland" in result.inner_text()


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_every_guide_page_has_no_axe_violations(page, live_server, area, language):
    choose_language(page, live_server, language)
    pages = {
        "finder": "/kinderopvang/zoeken/",
        "finder with results": "/kinderopvang/zoeken/?place=9870&max_km=20&tariffs=income&days=1&free_soon=on",
        "finder with an error": "/kinderopvang/zoeken/?place=1000",
        "location": f"/kinderopvang/locatie/{area.centre_deinze.pk}/?place=9870",
        "how it works": "/hoe-werkt-het/",
        "cost": "/wat-kost-het/",
    }
    for label, path in pages.items():
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert violations(page) == [], label
    page.goto(live_server.url + "/wat-kost-het/")
    page.locator("form.loket-narrow-form button[type=submit]").click()
    page.locator("[data-error-summary]").wait_for()
    assert violations(page) == [], "cost with errors"
    page.locator("#id_income").fill("40000")
    page.locator("form.loket-narrow-form button[type=submit]").click()
    page.locator(".guide-result").wait_for()
    assert violations(page) == [], "cost with a result"


def test_guide_pages_reflow_at_320_pixels(phone_page, live_server, area):
    for path in (
        "/kinderopvang/zoeken/?place=9870",
        f"/kinderopvang/locatie/{area.astene_mix.pk}/",
        "/hoe-werkt-het/",
        "/wat-kost-het/",
    ):
        phone_page.goto(live_server.url + path)
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_screenshots_at_320_and_1280_px(browser, live_server, area, tmp_path):
    screens = SCREENS if os.environ.get("LOKET_SCREENSHOTS") else tmp_path
    screens.mkdir(parents=True, exist_ok=True)
    for width in (320, 1280):
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(live_server.url + "/kinderopvang/zoeken/?place=9870&max_km=20")
        page.screenshot(path=screens / f"guide-finder-{width}.png", full_page=True)
        page.goto(live_server.url + "/wat-kost-het/")
        _calculate(page)
        page.locator(".guide-result").wait_for()
        page.screenshot(path=screens / f"guide-calculator-{width}.png", full_page=True)
        page.goto(live_server.url + f"/kinderopvang/locatie/{area.astene_mix.pk}/?place=9870")
        page.screenshot(path=screens / f"guide-location-{width}.png", full_page=True)
        context.close()
    context = browser.new_context(locale="nl-BE", viewport={"width": 320, "height": 900})
    page = context.new_page()
    choose_language(page, live_server, "ar")
    page.goto(live_server.url + "/kinderopvang/zoeken/?place=9870&max_km=20")
    page.screenshot(path=screens / "guide-finder-ar-320.png", full_page=True)
    context.close()
    assert len(list(screens.glob("guide-*.png"))) >= 7
