"""The desk's search box: find a family's file by number, name, phone, e-mail, date of birth or postcode; only among
the worker's own desks; ranked; paged; audited without the words typed."""

from datetime import date

import pytest

from loket.audit.models import AuditEvent
from loket.demand import search
from loket.demand.models import Child, FamilySearchKey, Guardian
from loket.privacy.services import family_anonymise
from loket.testing.factories import make_family, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def peeters(world):
    family = world.family_a
    guardian = family.guardians.get()
    guardian.first_name, guardian.last_name = "Sofie", "Van den Broeck-Peeters"
    guardian.phone, guardian.email = "+32 471 12 34 56", "Sofie.Peeters@Example.be"
    guardian.save()
    child = world.request_a.child
    child.first_name, child.birth_date = "Amélie", date(2026, 3, 14)
    child.save()
    return family


def _search(client, q, **params):
    return client.get("/loket/zoeken/", {"q": q, **params})


@pytest.mark.parametrize(
    "query",
    [
        "peeters",
        "Peet",  # the start of a name, while typing
        "van den broeck",
        "vandenbroeck peeters",
        "amelie",  # a child's name, without the accent
        "AMÉLIE sofie",
        "0471 12 34 56",
        "0471/12.34.56",
        "+32471123456",
        "0032 471 123456",
        "sofie.peeters@example.be",
        "SOFIE.PEETERS@",
        "14-03-2026",
        "14/3/2026",
        "2026-03-14",
        "amelie 14.03.2026",
    ],
)
def test_a_worker_finds_the_family_by_what_the_caller_says(client, world, peeters, query):
    client.force_login(world.worker_a)
    response = _search(client, query)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/loket/dossier/{peeters.reference}/" in body
    assert "1 dossier gevonden" in body


def test_every_term_must_match(client, world, peeters):
    client.force_login(world.worker_a)
    link = f"/loket/dossier/{peeters.reference}/"
    assert link not in _search(client, "peeters 0499 99 99 99").content.decode()
    assert link not in _search(client, "amelie 15-03-2026").content.decode()


def test_the_file_number_opens_the_file_and_comes_first(client, world, peeters):
    client.force_login(world.worker_a)
    response = _search(client, peeters.reference.lower())
    assert response.status_code == 302
    assert response["Location"] == f"/loket/dossier/{peeters.reference}/"
    # Without the dash it may also be a name: the file with that number is listed first.
    bare = peeters.reference.replace("-", "")
    other = make_family(world.desk_a)
    other_guardian = other.guardians.get()
    other_guardian.last_name = bare
    other_guardian.save()
    body = _search(client, bare).content.decode()
    assert body.index(f"/loket/dossier/{peeters.reference}/") < body.index(
        f"/loket/dossier/{other.reference}/"
    )


def test_whole_name_matches_come_before_names_that_only_start_alike(client, world):
    longer = make_family(world.desk_a)
    longer.guardians.update(last_name="Janssens")
    Guardian.objects.get(family=longer).save()
    exact = make_family(world.desk_a)
    Guardian.objects.filter(family=exact).update(last_name="Jans")
    Guardian.objects.get(family=exact).save()
    client.force_login(world.worker_a)
    body = _search(client, "jans").content.decode()
    assert body.index(exact.reference) < body.index(longer.reference)


def test_another_desk_s_families_are_never_found(client, world, peeters):
    client.force_login(world.worker_b)
    for query in ("peeters", "0471123456", peeters.reference.replace("-", "")):
        body = _search(client, query).content.decode()
        assert f"/loket/dossier/{peeters.reference}/" not in body
    response = _search(client, peeters.reference)
    assert response.status_code == 200
    assert f"/loket/dossier/{peeters.reference}/" not in response.content.decode()


def test_only_desk_staff_may_search(client, world):
    client.force_login(world.adviser_a)
    assert _search(client, "peeters").status_code in (403, 404)
    client.logout()
    assert _search(client, "peeters").status_code == 302  # to sign in


def test_the_search_is_audited_without_the_words(client, world, peeters):
    client.force_login(world.worker_a)
    _search(client, "Peeters 0471 12 34 56")
    event = AuditEvent.objects.get(event="case.searched")
    assert event.actor == world.worker_a
    assert event.desk_id == world.desk_a.pk
    assert event.detail == {"kinds": ["name", "phone"], "results": 1, "page": 1}
    stored = f"{event.reason} {event.detail} {event.object_id}".lower()
    assert "peeters" not in stored and "0471" not in stored


def test_results_are_paged(client, world):
    for _n in range(23):
        family = make_family(world.desk_a)
        make_request(family, locations=[world.location_a], first_name="Lotte")
    client.force_login(world.worker_a)
    first = _search(client, "lotte").content.decode()
    assert "23 dossiers gevonden" in first and "Pagina 1 van 2" in first
    second = _search(client, "lotte", pagina=2).content.decode()
    assert "Pagina 2 van 2" in second and second.count("/loket/dossier/") == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("peeters\x00", "We konden deze vraag niet lezen"),  # refused before any view (core middleware)
        ("x" * 201, "Typ hoogstens 200 tekens"),
        ("!!! ???", "Niets om naar te zoeken"),
    ],
)
def test_bad_input_gets_a_plain_message(client, world, query, message):
    client.force_login(world.worker_a)
    response = _search(client, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(event="case.searched").exists()


def test_the_search_box_is_on_every_desk_page(client, world):
    client.force_login(world.worker_a)
    for url in ("/loket/", "/loket/opvolging/", f"/loket/dossier/{world.family_a.reference}/"):
        assert 'id="desk-search-q"' in client.get(url).content.decode(), url
    client.force_login(world.adviser_a)
    assert 'id="desk-search-q"' not in client.get("/partner/").content.decode()


def test_keys_follow_changes_and_anonymisation(world, peeters):
    keys = set(FamilySearchKey.objects.filter(family=peeters).values_list("kind", "value"))
    assert {("name", "peeters"), ("name", "vandenbroeckpeeters"), ("phone", "0471123456")} <= keys
    assert ("email", "sofie.peeters@example.be") in keys and ("birth", "2026-03-14") in keys
    Child.objects.create(family=peeters, first_name="Noor", due_date=date(2027, 2, 1))
    assert FamilySearchKey.objects.filter(family=peeters, kind="name", value="noor").exists()
    family_anonymise(family=peeters, actor=None, reason="test")
    assert not FamilySearchKey.objects.filter(family=peeters).exists()


def test_reindex_rebuilds_keys_after_bulk_writes(world, peeters):
    FamilySearchKey.objects.all().delete()
    assert search.families_reindex() >= 2
    assert FamilySearchKey.objects.filter(family=peeters, kind="phone", value="0471123456").exists()


def test_reading_a_query():
    parsed = search.parse("Emma Peeters 0470 12 34 56 3-2-2026 9800 jan@x.be")
    assert set(parsed.terms) == {
        ("name", "emma"),
        ("name", "peeters"),
        ("phone", "0470123456"),
        ("birth", "2026-02-03"),
        ("postcode", "9800"),
        ("email", "jan@x.be"),
    }
    assert search.parse("abcd-2345").reference == "ABCD-2345" and not search.parse("abcd-2345").terms
    assert search.phone_digits("+31 6 12345678") == "31612345678"
