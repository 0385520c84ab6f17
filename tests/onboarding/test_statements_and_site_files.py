"""A public website's duties: the accessibility and privacy statements in four languages with the desk's details,
robots.txt, a favicon and security.txt (RFC 9116)."""

import re

import pytest
from django.utils import translation

from loket.areas.services import desk_settings_change
from loket.privacy.inventory import DATA_KINDS, INVENTORY, PERSONAL

pytestmark = pytest.mark.django_db

STATEMENT_WORDS = {
    "nl": ("Toegankelijkheidsverklaring", "Vlaamse Ombudsdienst", "Privacyverklaring", "24 maanden"),
    "en": ("Accessibility statement", "Vlaamse Ombudsdienst", "Privacy statement", "24 months"),
    "fr": (
        "Déclaration d’accessibilité",
        "Vlaamse Ombudsdienst",
        "Déclaration de confidentialité",
        "24 mois",
    ),
    "ar": ("بيان إمكانية الوصول", "Vlaamse Ombudsdienst", "بيان الخصوصية", "24 شهرًا"),
}


@pytest.mark.parametrize("language", ["nl", "en", "fr", "ar"])
def test_both_statements_render_in_four_languages_with_the_desks_details(client, new_desk, agency, language):
    desk_settings_change(desk=new_desk, actor=agency, dpo_name="Jan Privacy", controller="Gemeente Wetteren")
    client.cookies["django_language"] = language
    accessibility = client.get(f"/toegankelijkheid/?loket={new_desk.slug}").content.decode()
    title, ombudsman, privacy_title, months = STATEMENT_WORDS[language]
    assert f'lang="{language}"' in accessibility
    assert (
        title in accessibility
        and ombudsman in accessibility
        and "klachten@vlaamseombudsdienst.be" in accessibility
    )
    assert "kinderopvang@wetteren-laarne.example" in accessibility and "WCAG 2.1 AA" in accessibility
    privacy = client.get(f"/privacy/?loket={new_desk.slug}").content.decode()
    assert privacy_title in privacy
    for detail in ("Gemeente Wetteren", "Jan Privacy", "dpo@wetteren.example", months):
        assert detail in privacy, detail
    assert privacy.count('class="loket-card"') == len(DATA_KINDS)


def test_the_privacy_statement_follows_the_desks_retention_period(client, new_desk):
    new_desk.retention_months = 36
    new_desk.save()
    with translation.override("en"):
        page = client.get(f"/privacy/?loket={new_desk.slug}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Until 36 months after your last request was closed" in page


def test_every_kind_of_personal_data_is_in_exactly_one_kind_of_the_privacy_statement():
    personal = {model for model, fields in INVENTORY.items() if set(fields.values()) & PERSONAL}
    listed = [model for kind in DATA_KINDS for model in kind.models]
    assert len(listed) == len(set(listed))
    assert personal <= set(listed), sorted(personal - set(listed))
    assert set(listed) <= set(INVENTORY)


def test_with_several_desks_and_none_chosen_the_statements_let_you_choose(client, new_desk):
    from loket.testing.factories import make_desk

    make_desk(name="Loket Ander")
    page = client.get("/privacy/").content.decode()
    assert f'href="?loket={new_desk.slug}"' in page
    page = client.get("/toegankelijkheid/").content.decode()
    assert f'href="?loket={new_desk.slug}"' in page


def test_the_footer_links_the_statements_and_shows_the_desks_contact(client, new_desk):
    page = client.get(f"/lokaal-loket/{new_desk.slug}/").content.decode()
    footer = page[page.index('<footer class="loket-footer">') :]
    assert (
        f"/toegankelijkheid/?loket={new_desk.slug}" in footer and f"/privacy/?loket={new_desk.slug}" in footer
    )
    assert "09 369 00 00" in footer and 'name="language"' in footer
    # The desk chosen on its page stays chosen on the next public page.
    assert "Wetteren-Laarne" in client.get("/kinderopvang/zoeken/").content.decode()


def test_robots_favicon_and_security_txt(client, settings):
    settings.LOKET_SECURITY_CONTACT = [
        "mailto:security@wetteren.example",
        "https://wetteren.example/security",
    ]
    settings.LOKET_SECURITY_TXT_EXPIRES = "2027-06-30"
    robots = client.get("/robots.txt").content.decode()
    assert (
        "Disallow: /gezin/" in robots
        and "Disallow: /beheer/" in robots
        and "Disallow: /kinderopvang/" not in robots
    )
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/x-icon"
    text = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:security@wetteren.example\nContact: https://wetteren.example/security\n" in text
    assert re.search(r"^Expires: 2027-06-30T\d\d:59:59Z$", text, re.M)
    assert "Canonical: http://testserver/.well-known/security.txt" in text
    home = client.get("/").content.decode()
    assert 'rel="icon" href="/static/loket/favicon.svg" type="image/svg+xml"' in home
