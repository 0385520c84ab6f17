"""Issue 20's walk in a real browser, clicking only after the start page: the regional agency starts a desk for two
Flemish municipalities outside the demo (Wetteren and Laarne), checks the agency's file of 30 locations (three bad rows
explained), imports it and invites the desk administrator; she chooses her password from the e-mail, writes the desk's
texts and uploads its logo; a family finds a location by postcode at the new desk and registers the same day; the
corrected file, imported again, changes only what changed."""

import io
import re
from datetime import date

import pytest
from django.core import mail
from locations_csv import BAD_LINES, csv_text
from PIL import Image
from playwright.sync_api import expect

from loket.areas.models import Desk
from loket.demand.models import ChildcareRequest
from loket.supply.models import Location
from loket.testing.factories import (
    DEFAULT_PASSWORD,
    make_desk,
    make_location,
    make_municipality,
    make_postcode,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESK_NAME = "Lokaal Loket Kinderopvang Wetteren-Laarne"


def month(add: int) -> str:
    index = date.today().year * 12 + date.today().month - 1 + add
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def sign_in_from(page, email: str) -> None:
    page.locator(".loket-nav__account a").click()
    # The header's sign-in offers parents the link by e-mail first; staff take the password.
    page.get_by_role("link", name="Met uw wachtwoord").click()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def sign_out(page) -> None:
    page.locator(".loket-nav__account button").click()
    page.wait_for_selector(".loket-nav__account a")


def check_file(page, text: str) -> None:
    page.get_by_label("CSV-bestand").set_input_files(
        {"name": "locaties.csv", "mimeType": "text/csv", "buffer": text.encode()}
    )
    page.get_by_role("button", name="Controleer het bestand").click()
    page.locator("#dry-run").wait_for()


@pytest.fixture
def other_desk(db):
    """The installation already serves another area, so the family has two desks to tell apart."""
    desk = make_desk(name="Loket Deinze", slug="deinze")
    municipality = make_municipality(desk, name="Deinze", nis_code="44083")
    make_location(
        municipality=municipality, postcode=make_postcode(municipality, code="9800", place="Deinze")
    )
    return desk


def test_the_agency_starts_a_desk_that_takes_a_familys_registration_the_same_day(
    browser, live_server, reference_data, agency, other_desk, media
):
    agency.set_password(DEFAULT_PASSWORD)
    agency.save()
    page = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)

    # The agency starts the desk.
    page.goto(live_server.url + "/")
    sign_in_from(page, agency.email)
    page.locator(".loket-nav").get_by_role("link", name="Loketten").click()
    page.get_by_role("link", name="Een nieuw loket starten").click()
    page.get_by_label("Naam van het loket").fill(DESK_NAME)
    page.locator("summary", has_text="Oost-Vlaanderen").click()
    page.get_by_label("Wetteren", exact=True).check()
    page.get_by_label("Laarne", exact=True).check()
    page.get_by_label("E-mailadres van het loket").fill("kinderopvang@wetteren-laarne.example")
    page.get_by_label("Telefoonnummer van het loket").fill("09 369 00 00")
    page.get_by_role("button", name="Maak het loket aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DESK_NAME)
    desk = Desk.objects.get(name=DESK_NAME)
    assert sorted(desk.municipalities.values_list("name", flat=True)) == ["Laarne", "Wetteren"]

    # The agency's file: a dry run with three bad rows explained, then the import.
    page.get_by_role("link", name="Locaties importeren").click()
    check_file(page, csv_text(bad=True))
    counts = page.locator("#import-counts")
    expect(counts).to_contain_text("27 nieuwe locaties")
    expect(counts).to_contain_text("3 rijen met fouten, niet geïmporteerd")
    errors = page.locator('#import-rows tr[data-action="error"]')
    expect(errors).to_have_count(3)
    assert [int(t) for t in errors.locator("td:first-child").all_inner_texts()] == list(BAD_LINES)
    expect(errors.nth(0)).to_contain_text("Ondernemingsnummer 0810.000.398 klopt niet")
    expect(errors.nth(1)).to_contain_text("Postcode 9000 ligt niet in de gemeenten van dit loket.")
    expect(errors.nth(2)).to_contain_text("kijk na of breedte- en lengtegraad niet verwisseld zijn")
    assert Location.objects.filter(municipality__desk=desk).count() == 0
    page.get_by_role("button", name="Importeer 27 locaties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Locaties geïmporteerd")
    assert Location.objects.filter(municipality__desk=desk).count() == 27

    # The agency invites the desk administrator.
    page.get_by_role("link", name=f"Terug naar het inrichten van {DESK_NAME}").click()
    page.get_by_role("link", name="Een loketbeheerder uitnodigen").click()
    page.get_by_label("E-mailadres").fill("els@wetteren.example")
    page.get_by_label("Naam").fill("Els Beheer")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator(".loket-messages")).to_contain_text(
        "Er is een uitnodiging verstuurd naar els@wetteren.example"
    )
    sign_out(page)

    # The desk administrator follows the e-mail, chooses a password, writes the texts and uploads the logo.
    [invitation] = [m for m in mail.outbox if m.to == ["els@wetteren.example"]]
    link = re.search(r"https?://\S+/account/uitnodiging/\S+/", invitation.body).group(0)
    assert link.startswith(live_server.url)
    page.goto(link)
    page.locator("#id_new_password1").fill("Schelde-loket-2026")
    page.locator("#id_new_password2").fill("Schelde-loket-2026")
    page.get_by_role("button", name="Bewaren en beginnen").click()  # choosing the password signs her in
    page.get_by_role("link", name="Instellingen van het loket").click()
    page.get_by_role("link", name="Teksten aanpassen").click()
    page.locator("#id_opening_hours_nl").fill("ma–vr 9–12 u, do ook 14–19 u")
    page.locator("#id_introduction_nl").fill("Eén vraag voor alle kinderopvang in Wetteren en Laarne.")
    page.locator("#id_opening_hours_ar").fill("من الاثنين إلى الجمعة 9–12، الخميس أيضًا 14–19")
    page.get_by_role("button", name="Bewaar de teksten").click()
    expect(page.locator(".loket-messages")).to_contain_text("De teksten van het loket zijn bewaard.")
    page.get_by_role("link", name="Kleur en logo aanpassen").click()
    logo = io.BytesIO()
    Image.new("RGB", (300, 120), (122, 31, 92)).save(logo, format="PNG")
    page.get_by_label("Kleur").fill("#7a1f5c")
    page.get_by_label("Logo").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": logo.getvalue()}
    )
    page.get_by_role("button", name="Bewaar kleur en logo").click()
    expect(page.locator(".loket-messages")).to_contain_text(
        "De kleur en het logo van het loket zijn bewaard."
    )
    desk.refresh_from_db()
    assert desk.colour == "#7a1f5c" and desk.logo
    assert desk.texts.filter(language="nl", opening_hours__startswith="ma–vr").exists()
    sign_out(page)

    # A family finds a location by postcode at the new desk and registers.
    family = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900}).new_page()
    family.set_default_timeout(15_000)
    family.goto(live_server.url + "/")
    family.get_by_role("link", name=DESK_NAME).click()
    expect(family.locator(".loket-brand__logo")).to_be_visible()
    expect(family.locator("main")).to_contain_text("ma–vr 9–12 u, do ook 14–19 u")
    family.get_by_role("link", name="Zoek kinderopvang in uw buurt").click()
    family.get_by_label("Uw postcode of adres").fill("9270")
    family.get_by_role("button", name="Toon locaties").click()
    family.wait_for_url("**place=9270**")
    expect(family.locator("#finder-count")).to_contain_text("dichtst bij 9270 Laarne eerst")
    nearest = family.locator("#finder-results .guide-card__title").first.inner_text()
    chosen = Location.objects.get(name=nearest)
    assert chosen.postcode.code == "9270"
    family.locator(".loket-brand").click()
    family.get_by_role("link", name="Schrijf uw vraag in").click()
    family.locator(".loket-buttons a.utrecht-button--primary-action").click()
    family.locator("#id_postcode").fill("9270")
    submit = family.locator("main form .loket-buttons .utrecht-button--primary-action").first
    submit.click()
    family.locator("#id_count_0").check()
    submit.click()
    family.locator("#id_c1_first_name").fill("Noor")
    family.locator("#id_c1_born_0").check()
    family.locator("#id_c1_date").fill(
        f"{date.today().year}-01-10" if date.today().month > 2 else "2025-11-10"
    )
    submit.click()
    family.locator("#id_start_earliest").fill(month(3))
    family.locator("#id_start_latest").fill(month(6))
    for day in ("0", "1", "2"):
        family.locator(f"#id_weekdays_{day}").check()
    submit.click()
    family.locator(f'#choice-results button[value="add:{chosen.pk}"]').click()
    expect(family.locator("#keuzes .loket-choice")).to_have_count(1)
    submit.click()
    family.locator("#id_work").check()
    submit.click()
    family.locator("#id_first_name").fill("Yasmina")
    family.locator("#id_last_name").fill("El Amrani")
    family.locator("#id_email").fill("yasmina@example.org")
    family.locator("#id_phone").fill("+32 470 11 22 33")
    family.locator('input[name="preferred_language"][value="nl"]').check()
    family.locator('input[name="sign_in"][value="link"]').check()
    submit.click()
    family.locator("#id_sworn").check()
    family.locator("#id_consent").check()
    submit.click()
    expect(family.get_by_role("heading", level=1)).to_have_text("Inschrijving ontvangen")
    request = ChildcareRequest.objects.get(desk=desk)
    assert list(request.choices.values_list("location", flat=True)) == [chosen.pk]

    # The corrected file: only what changed is written.
    page.goto(live_server.url + "/")
    sign_in_from(page, agency.email)
    page.locator(".loket-nav").get_by_role("link", name="Loketten").click()
    page.get_by_role("link", name=DESK_NAME).click()
    page.get_by_role("link", name="Locaties importeren").click()
    before = dict(Location.objects.filter(municipality__desk=desk).values_list("agency_number", "pk"))
    check_file(page, csv_text(capacity_change=True))
    expect(counts).to_contain_text("3 nieuwe locaties")
    expect(counts).to_contain_text("1 locatie gewijzigd")
    expect(counts).to_contain_text("26 locaties ongewijzigd")
    expect(page.locator('#import-rows tr[data-action="update"]')).to_contain_text(
        "vergunde capaciteit: 28 → 32"
    )
    page.get_by_role("button", name="Importeer 4 locaties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Locaties geïmporteerd")
    after = dict(Location.objects.filter(municipality__desk=desk).values_list("agency_number", "pk"))
    assert len(after) == 30 and all(after[number] == pk for number, pk in before.items())
    assert Location.objects.get(agency_number="OPG-1008").licensed_capacity == 32
