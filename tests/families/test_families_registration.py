"""Registering once, through the question pages: a parent on the website and a desk worker on a family's behalf."""

from datetime import date

import pytest
from django.core import mail
from families_helpers import next_month

from loket.demand.models import ChildcareRequest, Family
from loket.families.models import RegistrationDraft
from loket.families.wizard import COOKIE

pytestmark = pytest.mark.django_db(transaction=True)

BASE = "/gezin/aanvraag/stap/"


def answer_all(
    client, area, *, email="ouder@example.org", count=1, choices=3, base=BASE, contact=None, together=False
):
    """Walk through every page with good answers; returns the last response."""
    assert client.post(base + "woonplaats/", {"postcode": "9800"}).status_code == 302
    kinderen = {"count": str(count)} | ({"together": "on"} if together else {})
    assert client.post(base + "kinderen/", kinderen).status_code == 302
    children = {}
    for n in range(1, count + 1):
        children |= {f"c{n}_first_name": f"Kind{n}", f"c{n}_born": "yes", f"c{n}_date": "2026-06-01"}
    assert client.post(base + "kind/", children).status_code == 302
    care = {"start_earliest": next_month(3), "start_latest": next_month(6), "weekdays": ["1", "2", "4"]}
    assert client.post(base + "opvang/", care | {"tariffs": ["income", "free"]}).status_code == 302
    for location in area["locations"][:choices]:
        client.post(base + "keuzes/", {"action": "add", "location": str(location.pk)})
    assert client.post(base + "keuzes/", {"action": "next"}).status_code == 302
    assert client.post(base + "voorrang/", {"work": "on", "single_parent": "on"}).status_code == 302
    contact = contact or {
        "first_name": "Sara",
        "last_name": "Peeters",
        "email": email,
        "phone": "+32 470 12 34 56",
        "preferred_language": "nl",
        "sign_in": "link",
    }
    response = client.post(base + "contact/", contact)
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.post(base + "controle/", {"sworn": "on", "consent": "on"})


def test_a_parent_registers_a_child_with_three_ranked_choices(client, area):
    response = answer_all(client, area)
    assert response.status_code == 302 and response.url == "/gezin/aanvraag/klaar/"
    request = ChildcareRequest.objects.get()
    assert [c.location for c in request.choices.order_by("rank")] == area["locations"][:3]
    assert request.work and request.single_parent and not request.low_income
    assert request.consent_version and request.sworn_statement_at == request.registered_at
    assert request.weekdays == (1, 2, 4)
    family = request.child.family
    assert family.desk == area["desk"] and family.postcode == area["postcode"]
    guardian = family.guardians.get()
    assert guardian.user.email == "ouder@example.org" and not guardian.user.has_usable_password()
    assert RegistrationDraft.objects.count() == 0
    # Signed in right away, and the done page and the status page show the file.
    assert family.reference in client.get("/gezin/aanvraag/klaar/").content.decode()
    assert "Kind1" in client.get("/gezin/").content.decode()
    assert [m.to for m in mail.outbox] == [["ouder@example.org"]]
    assert family.reference in mail.outbox[0].subject


def test_twins_are_registered_together(client, area):
    answer_all(client, area, count=2)
    family = Family.objects.get()
    requests = ChildcareRequest.objects.filter(child__family=family)
    assert requests.count() == 2
    assert len({r.registered_at for r in requests}) == 1
    assert sorted(r.child.first_name for r in requests) == ["Kind1", "Kind2"]


def test_mistakes_get_clear_messages_that_link_to_the_field(client, area):
    response = client.post(BASE + "woonplaats/", {"postcode": "12"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "data-error-summary" in body and 'href="#id_postcode"' in body
    assert "4 cijfers" in body  # Dutch, plain language
    response = client.post(BASE + "woonplaats/", {"postcode": "1000"})
    assert "bedient postcode 1000 niet" in response.content.decode()
    client.post(BASE + "woonplaats/", {"postcode": "9800"})
    client.post(BASE + "kinderen/", {"count": "1"})
    future = date.today().replace(year=date.today().year + 1).isoformat()
    response = client.post(BASE + "kind/", {"c1_born": "yes", "c1_date": future})
    assert response.status_code == 400 and "toekomst" in response.content.decode()
    response = client.post(
        BASE + "kind/", {"c1_born": "yes", "c1_date": "2026-06-01", "c1_national_number": "123"}
    )
    assert "11 cijfers" in response.content.decode()
    client.post(BASE + "kind/", {"c1_born": "yes", "c1_date": "2026-06-01"})
    response = client.post(
        BASE + "opvang/",
        {"start_earliest": next_month(5), "start_latest": next_month(2), "tariffs": ["free"]},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_weekdays_0"' in body and 'id="id_weekdays_0"' in body
    assert "niet vóór" in body
    good = {
        "start_earliest": next_month(2),
        "start_latest": next_month(5),
        "weekdays": ["3"],
        "tariffs": ["free"],
    }
    assert client.post(BASE + "opvang/", good).status_code == 302
    response = client.post(BASE + "keuzes/", {"action": "next"})
    assert response.status_code == 400 and "minstens één" in response.content.decode()


def test_back_keeps_the_answers_and_the_draft_survives_closing_the_browser(client, area, django_db_blocker):
    client.post(BASE + "woonplaats/", {"postcode": "9800"})
    client.post(BASE + "kinderen/", {"count": "1"})
    client.post(BASE + "kind/", {"c1_first_name": "Noor", "c1_born": "no", "c1_date": next_month(2) + "-10"})
    page = client.get(BASE + "kind/").content.decode()
    assert 'value="Noor"' in page and 'value="no"' in page and "checked" in page
    token = client.cookies[COOKIE].value
    # A new browser session (the session cookie is gone) with the draft cookie finds the answers again.
    from django.test import Client

    other = Client()
    other.cookies[COOKIE] = token
    start = other.get("/gezin/aanvraag/").content.decode()
    assert "Verder waar u gebleven was" in start
    assert 'value="Noor"' in other.get(BASE + "kind/").content.decode()
    # Somebody without the cookie starts from nothing.
    assert 'value="Noor"' not in Client().get(BASE + "kind/").content.decode()


def test_skipping_ahead_goes_back_to_the_first_unanswered_page(client, area):
    response = client.get(BASE + "voorrang/")
    assert response.status_code == 302 and response.url == BASE + "woonplaats/"


def test_choices_are_ranked_and_reordered_without_javascript(client, area):
    a, b, c, _d = area["locations"]
    client.post(BASE + "woonplaats/", {"postcode": "9800"})
    client.post(BASE + "kinderen/", {"count": "1"})
    client.post(BASE + "kind/", {"c1_born": "yes", "c1_date": "2026-06-01"})
    client.post(
        BASE + "opvang/",
        {
            "start_earliest": next_month(3),
            "start_latest": next_month(4),
            "weekdays": ["1"],
            "tariffs": ["income"],
        },
    )
    for location in (a, b, c):
        client.post(BASE + "keuzes/", {"action": "add", "location": str(location.pk)})
    client.post(BASE + "keuzes/", {"action": f"up:{c.pk}"})
    client.post(BASE + "keuzes/", {"action": f"down:{a.pk}"})
    assert RegistrationDraft.objects.get().data["choices"] == [c.pk, a.pk, b.pk]
    response = client.post(BASE + "keuzes/", {"action": "add", "location": str(_d.pk)})
    assert response.status_code == 400  # the desk allows three
    client.post(BASE + "keuzes/", {"action": f"remove:{c.pk}"})
    assert RegistrationDraft.objects.get().data["choices"] == [a.pk, b.pk]
    # htmx: the same answer, and the page carries the list to swap in.
    response = client.post(BASE + "keuzes/", {"action": f"up:{b.pk}"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'id="keuzes"' in response.content.decode()
    assert RegistrationDraft.objects.get().data["choices"] == [b.pk, a.pk]


def test_an_existing_address_must_sign_in_first(client, area):
    from loket.testing.factories import make_user

    make_user(email="bestaat@example.org")
    with pytest.raises(AssertionError):
        answer_all(client, area, email="bestaat@example.org")
    assert ChildcareRequest.objects.count() == 0


def test_the_same_child_is_detected_by_its_national_number(client, area, settings):
    settings.LOKET_NATIONAL_NUMBER_KEY = "test-key"
    body = "260601001"  # a child born on 1 June 2026: the check digits count a "2" before the number
    number = f"{body}{97 - int('2' + body) % 97:02d}"
    answer_all(client, area)
    request = ChildcareRequest.objects.get()
    from loket.demand.identity import national_number_hash

    request.child.national_number_hash = national_number_hash(number)
    request.child.save()
    from django.test import Client

    other = Client()
    other.post(BASE + "woonplaats/", {"postcode": "9800"})
    other.post(BASE + "kinderen/", {"count": "1"})
    response = other.post(
        BASE + "kind/", {"c1_born": "yes", "c1_date": "2026-06-01", "c1_national_number": number}
    )
    assert response.status_code == 400 and "al ingeschreven" in response.content.decode()


def test_a_password_can_be_chosen_instead_of_links(client, area):
    contact = {
        "first_name": "Sara",
        "last_name": "Peeters",
        "email": "wachtwoord@example.org",
        "preferred_language": "fr",
        "sign_in": "password",
        "password": "Een-lang-wachtwoord-2026",
    }
    answer_all(client, area, contact=contact)
    family = Family.objects.get()
    user = family.guardians.get().user
    assert user.check_password("Een-lang-wachtwoord-2026")
    assert family.preferred_language == "fr" and user.preferred_language == "fr"
    assert "Een-lang" not in str(RegistrationDraft.objects.all().values_list("data", flat=True))
    assert "reçue" in mail.outbox[0].subject  # the confirmation is in French


def test_a_desk_worker_registers_a_family_with_a_phone_number_only(client, area, desk_worker):
    client.force_login(desk_worker)
    assert client.get("/loket/inschrijven/").status_code == 200
    response = answer_all(
        client,
        area,
        base="/loket/inschrijven/stap/",
        contact={
            "first_name": "Youssef",
            "last_name": "El Amrani",
            "phone": "+32 470 11 22 33",
            "preferred_language": "ar",
            "channel": "phone",
        },
    )
    assert response.status_code == 302 and response.url == "/loket/inschrijven/klaar/"
    request = ChildcareRequest.objects.get()
    assert request.channel == "phone" and request.created_by == desk_worker
    family = request.child.family
    assert family.access_code_hash and family.preferred_language == "ar"
    done = client.get("/loket/inschrijven/klaar/").content.decode()
    code = done.split('class="loket-key loket-ltr"><strong>')[1].split("<")[0]
    assert family.reference in done and len(code) == 11
    # The family signs in later with the file number and the code.
    from django.test import Client

    parent = Client()
    wrong = parent.post("/gezin/aanmelden/code/", {"reference": family.reference, "code": "XXXXX-XXXXX"})
    assert wrong.status_code == 400
    response = parent.post("/gezin/aanmelden/code/", {"reference": family.reference.lower(), "code": code})
    assert response.status_code == 302 and response.url == "/gezin/"
    assert "Kind1" in parent.get("/gezin/").content.decode()


def test_a_desk_worker_must_give_a_way_to_reach_the_family(client, area, desk_worker):
    client.force_login(desk_worker)
    with pytest.raises(AssertionError):
        answer_all(
            client,
            area,
            base="/loket/inschrijven/stap/",
            contact={"first_name": "A", "last_name": "B", "preferred_language": "nl", "channel": "walk_in"},
        )


def test_a_typed_registration_is_what_the_service_reads(area, desk_worker):
    """`registration_submit` takes a typed `Registration`, not the wizard's pages: built in code (as a loader or the
    API would), it registers every child at the desk with an access code, by the channel the desk chose."""
    from loket.demand.choices import Channel
    from loket.demand.services import NewRequest
    from loket.families.services import ChildToRegister, Contact, Registration, registration_submit

    registration = Registration(
        postcode_id=area["postcode"].pk,
        guardian=Contact(first_name=" Sara ", last_name="Peeters", phone="+32 470 12 34 56"),
        children=(
            ChildToRegister(first_name="Lina", born=True, date=date(2026, 6, 1)),
            ChildToRegister(first_name="", born=False, date=date(2027, 2, 1)),
        ),
        request=NewRequest(
            start_earliest=date(2027, 3, 1),
            start_latest=date(2027, 6, 1),
            weekdays=(1, 2, 4),
            location_ids=tuple(location.pk for location in area["locations"][:2]),
            accepts_free_price=False,
            low_income=True,
            channel=Channel.PHONE,
        ),
        desk=area["desk"],
    )
    result = registration_submit(registration=registration, actor=desk_worker)

    assert result.access_code and result.user is None
    assert result.family.guardians.get().first_name == "Sara"
    requests = ChildcareRequest.objects.filter(child__family=result.family).order_by("pk")
    assert [(r.child.first_name, r.child.is_born, r.channel, r.low_income) for r in requests] == [
        ("Lina", True, Channel.PHONE, True),
        ("", False, Channel.PHONE, True),
    ]
    assert [list(r.choices.order_by("rank").values_list("location_id", flat=True)) for r in requests] == [
        list(registration.request.location_ids)
    ] * 2
