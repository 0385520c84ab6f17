"""The onboarding pages: who may use them, and the writes they make through the services."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from locations_csv import csv_text

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment, User
from loket.areas.models import Desk
from loket.supply.models import Location
from loket.testing.factories import DEFAULT_PASSWORD, make_desk, make_user

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_agency_creates_a_desk_for_two_municipalities(client, reference_data, agency):
    signed_in(client, agency)
    page = client.get("/loketten/nieuw/").content.decode()
    assert 'value="42025"' in page and 'value="62063"' not in page  # Wetteren yes, Liège (Wallonia) no
    response = client.post(
        "/loketten/nieuw/",
        {
            "name": "Lokaal Loket Kinderopvang Wetteren-Laarne",
            "municipalities": ["42025", "42010"],
            "email": "loket@wetteren.example",
            "policy_from": "2026-01-01",
            "neighbourhoods_from_postcodes": "on",
        },
    )
    desk = Desk.objects.get(slug="lokaal-loket-kinderopvang-wetteren-laarne")
    assert response.status_code == 302 and response["Location"] == f"/loketten/{desk.slug}/"
    assert desk.municipalities.count() == 2 and desk.policies.get().effective_from.isoformat() == "2026-01-01"
    setup = client.get(response["Location"]).content.decode()
    assert "Laarne (42010), Wetteren (42025)" in setup and "Vlaamse voorrangsregels" in setup
    for path in ("gegevens", "teksten", "huisstijl", "wijken", "locaties", "beheerder"):
        assert client.get(f"/loketten/{desk.slug}/{path}/").status_code == 200, path
    assert 'value="42025"' not in client.get("/loketten/nieuw/").content.decode()  # now served
    assert "Loketten" in client.get("/cijfers/").content.decode()  # the agency's home links here


def test_a_form_without_municipalities_keeps_what_was_typed(client, reference_data, agency):
    signed_in(client, agency)
    response = client.post("/loketten/nieuw/", {"name": "Loket X", "policy_from": "2026-01-01"})
    page = response.content.decode()
    assert response.status_code == 200 and "Kies minstens één gemeente." in page and 'value="Loket X"' in page


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [
        (Role.DESK_WORKER, "desk", 403),
        (Role.POLICY_VIEWER, "desk", 403),  # a desk's policy viewer is not the agency
        (Role.PROVIDER_STAFF, None, 403),
    ],
)
def test_only_the_agency_and_administrators_start_desks(client, new_desk, role, scope, status):
    kwargs = {"desk": new_desk} if scope == "desk" else {}
    if role == Role.PROVIDER_STAFF:
        from loket.testing.factories import make_organiser

        kwargs = {"organiser": make_organiser()}
    signed_in(client, make_user(role, **kwargs))
    assert client.get("/loketten/nieuw/").status_code == status
    assert client.get(f"/loketten/{new_desk.slug}/beheerder/").status_code == status


def test_a_desk_administrator_sets_up_only_their_own_desk(client, new_desk):
    other = make_desk(name="Loket Elders")
    admin = make_user(Role.DESK_ADMIN, desk=new_desk)
    RoleAssignment.objects.create(user=admin, role=Role.DESK_WORKER, desk=other)
    signed_in(client, admin)
    assert client.get(f"/loketten/{new_desk.slug}/teksten/").status_code == 200
    assert (
        client.get(f"/loketten/{other.slug}/teksten/").status_code == 404
    )  # a worker there, not its administrator
    assert client.get("/loketten/nieuw/").status_code == 403
    assert f"/loketten/{new_desk.slug}/" in client.get("/loket/").content.decode()  # linked from their home


def test_the_import_page_shows_the_dry_run_then_imports(client, new_desk, agency):
    signed_in(client, agency)
    upload = SimpleUploadedFile("locaties.csv", csv_text(bad=True).encode("cp1252"), content_type="text/csv")
    page = client.post(f"/loketten/{new_desk.slug}/locaties/", {"file": upload}).content.decode()
    assert "27 nieuwe locaties" in page and "3 rijen met fouten, niet geïmporteerd" in page
    assert "Postcode 9000 ligt niet in de gemeenten van dit loket." in page
    assert Location.objects.count() == 0
    text = re.search(r'<input type="hidden" name="text" value="([^"]*)"', page, re.S).group(1)
    import html

    done = client.post(f"/loketten/{new_desk.slug}/locaties/", {"text": html.unescape(text)}).content.decode()
    assert "Locaties geïmporteerd" in done and Location.objects.count() == 27


def test_inviting_the_desk_administrator_mails_a_working_link(
    client, new_desk, agency, django_capture_on_commit_callbacks
):
    signed_in(client, agency)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/loketten/{new_desk.slug}/beheerder/",
            {"email": "Beheer@Wetteren.example", "full_name": "Els Beheer", "language": "fr"},
        )
    assert response.status_code == 302
    user = User.objects.get(email="beheer@wetteren.example")
    assert RoleAssignment.objects.filter(user=user, role=Role.DESK_ADMIN, desk=new_desk).exists()
    [message] = [m for m in mail.outbox if "beheer@wetteren.example" in m.to]
    assert (
        message.subject == f"Votre compte au guichet {new_desk.name} (Loket)"
    )  # the staff invitation of accounts
    link = re.search(r"http://testserver(/account/uitnodiging/\S+/)", message.body).group(1)
    client.logout()
    form = client.get(link, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    client.post(
        form.redirect_chain[-1][0], {"new_password1": DEFAULT_PASSWORD, "new_password2": DEFAULT_PASSWORD}
    )
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


def test_a_file_sent_to_a_page_that_takes_none_is_refused(client, new_desk, agency):
    signed_in(client, agency)
    response = client.post(
        f"/loketten/{new_desk.slug}/gegevens/", {"name": "X", "file": SimpleUploadedFile("a.txt", b"x")}
    )
    assert response.status_code == 400
