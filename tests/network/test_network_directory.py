"""The social map: Dutch stemming search, filter by need, who may edit which entry."""

import pytest

from loket.accounts.choices import Role
from loket.core.search import filter_all as search
from loket.core.search import stems
from loket.network.choices import Need, PartnerKind
from loket.network.models import Partner
from loket.testing.factories import make_desk, make_partner, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    desk, other_desk = make_desk(), make_desk()
    taal = make_partner(
        desk,
        name="Taalpunt Deinze",
        kind=PartnerKind.INTEGRATION,
        description="Taalcursus Nederlands voor ouders, met kinderopvang tijdens de les.",
        languages="Nederlands, Arabisch",
    )
    taal.need_codes = [Need.LANGUAGE]
    taal.save()
    huis = make_partner(
        desk,
        name="Huis van het Kind",
        kind=PartnerKind.FAMILY_SUPPORT,
        description="Opvoedingsondersteuning en ontmoeting voor gezinnen met jonge kinderen.",
    )
    huis.need_codes = [Need.PARENTING]
    huis.save()
    elsewhere = make_partner(other_desk, name="OCMW Elders", description="Taalcursussen en schuldhulp")
    elsewhere.need_codes = [Need.LANGUAGE, Need.FINANCIAL]
    elsewhere.save()
    return {
        "desk": desk,
        "other_desk": other_desk,
        "taal": taal,
        "huis": huis,
        "elsewhere": elsewhere,
        "worker": make_user(Role.DESK_WORKER, desk=desk),
        "adviser": make_user(Role.PARTNER_ADVISER, partner=taal),
    }


def test_stemming_finds_other_forms_of_a_word(directory):
    assert stems("taalcursussen") == stems("taalcursus")
    everyone = Partner.objects.all()
    assert set(search(everyone, "taalcursussen")) == {directory["taal"], directory["elsewhere"]}
    assert list(search(everyone, "gezin")) == [directory["huis"]]  # the text says "gezinnen"
    assert list(search(everyone, "taalcursus Arabisch")) == [directory["taal"]]  # every word must match
    assert list(search(everyone, "Opvoedingsondersteuning")) == [directory["huis"]]
    assert list(search(everyone, "zwemles")) == []


def test_the_search_text_follows_every_change(directory):
    huis = directory["huis"]
    huis.description = "Consultatiebureau en babymassage"
    huis.save(update_fields=["description"])
    assert list(search(Partner.objects.all(), "babymassage")) == [huis]


def test_desk_staff_search_and_filter_their_desks_directory(client, directory):
    client.force_login(directory["worker"])
    body = client.get("/loket/sociale-kaart/?q=taalcursussen").content.decode()
    assert "Taalpunt Deinze" in body and "OCMW Elders" not in body
    body = client.get("/loket/sociale-kaart/?need=parenting").content.decode()
    assert "Huis van het Kind" in body and "Taalpunt Deinze" not in body
    assert client.get(f"/loket/sociale-kaart/{directory['elsewhere'].pk}/").status_code == 404


def test_desk_staff_edit_and_add_entries(client, directory):
    client.force_login(directory["worker"])
    huis = directory["huis"]
    response = client.post(
        f"/loket/sociale-kaart/{huis.pk}/bewerken/",
        {
            "name": huis.name,
            "kind": huis.kind,
            "description": "Nieuw aanbod: babyzwemmen",
            "needs": ["parenting", "health"],
            "languages": "Nederlands, Frans",
            "listed": "on",
        },
    )
    assert response.status_code == 302
    huis.refresh_from_db()
    assert huis.need_codes == ["parenting", "health"] and huis.updated_by == directory["worker"]
    assert client.get(f"/loket/sociale-kaart/{directory['elsewhere'].pk}/bewerken/").status_code == 404
    client.post(
        "/loket/sociale-kaart/nieuw/",
        {"name": "Jobpunt", "kind": "job_service", "needs": ["work"], "listed": "on"},
    )
    jobpunt = Partner.objects.get(name="Jobpunt")
    assert list(jobpunt.desks.all()) == [directory["desk"]]


def test_a_partner_updates_only_its_own_entry(client, directory):
    client.force_login(directory["adviser"])
    taal = directory["taal"]
    response = client.get("/loket/sociale-kaart/mijn-organisatie/")
    assert response.url == f"/loket/sociale-kaart/{taal.pk}/bewerken/"
    client.post(
        response.url,
        {
            "name": taal.name,
            "kind": taal.kind,
            "opening_hours": "ma-vr 9-12 u",
            "needs": ["language"],
            "listed": "on",
        },
    )
    taal.refresh_from_db()
    assert taal.opening_hours == "ma-vr 9-12 u"
    assert client.get(f"/loket/sociale-kaart/{directory['huis'].pk}/bewerken/").status_code == 404
    assert client.get("/loket/sociale-kaart/nieuw/").status_code == 403
    # it does see the directory of its own network
    assert "Huis van het Kind" in client.get("/loket/sociale-kaart/").content.decode()


def test_function_words_in_a_question_do_not_block_a_match(directory):
    assert (
        list(search(Partner.objects.all(), "hulp bij opvoeding van de kinderen")) == []
    )  # "hulp" is nowhere
    # "voor" and "de" are function words; "lessen" and "ouders" stem to the entry's "les" and "ouder"
    assert list(search(Partner.objects.all(), "lessen voor de ouders")) == [directory["taal"]]
    assert list(search(Partner.objects.all(), "taalcursus voor ouders")) == [directory["taal"]]
