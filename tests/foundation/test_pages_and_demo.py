import io

import pytest
from django.core.management import call_command

from loket.accounts.models import User
from loket.areas.models import Desk
from loket.demand.models import ChildcareRequest
from loket.demo.build import DEMO_ACCOUNTS, DEMO_PASSWORD
from loket.supply.models import Location

pytestmark = pytest.mark.django_db


def test_home_page_is_dutch_by_default(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="nl"' in html
    assert "Zoekt u kinderopvang" in html
    assert 'href="#main"' in html  # skip link
    assert "<main" in html and "<nav" in html and "<header" in html and "<footer" in html


def test_language_can_be_switched_to_english_and_arabic_is_right_to_left(client):
    client.post("/taal/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr"' in html and "Looking for childcare" in html
    client.post("/taal/", {"language": "ar", "next": "/"})
    assert '<html lang="ar" dir="rtl"' in client.get("/").content.decode()


def test_health_endpoints(client):
    assert client.get("/health/live").json() == {"status": "ok"}
    assert client.get("/health/ready").json() == {"status": "ok", "database": "up"}


def test_sign_in_with_wrong_password_gives_a_clear_dutch_message(client):
    User.objects.create_user(email="iemand@example.org", password="juist-wachtwoord-123")
    page = client.post("/account/aanmelden/", {"username": "iemand@example.org", "password": "fout"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Er is een probleem" in html
    assert "niet juist" in html


@pytest.fixture
def demo(db):
    call_command("load_demo", "--today=2026-11-23", stdout=io.StringIO())


def test_demo_area_is_realistic(demo):
    desk = Desk.objects.get()
    assert desk.municipalities.count() == 2
    assert 35 <= Location.objects.count() <= 45
    assert set(Location.objects.values_list("tariff_regime", flat=True)) == {"income", "free", "mix"}
    requests = ChildcareRequest.objects.exclude(child__family__guardians__user__isnull=False)
    assert 550 <= requests.count() <= 650
    vulnerable = sum(r.vulnerable for r in requests)
    assert 0.10 <= vulnerable / requests.count() <= 0.25
    started = requests.filter(start_earliest__lte="2026-11-23").exclude(status__in=["withdrawn", "expired"])
    without_place = started.exclude(status="placed").count() / started.count()
    assert 0.25 <= without_place <= 0.45


def test_demo_is_deterministic_and_idempotent(demo):
    first = list(
        ChildcareRequest.objects.order_by("registered_at").values_list("status", "start_earliest")[:50]
    )
    call_command("load_demo", "--today=2026-11-23", stdout=io.StringIO())
    assert Desk.objects.count() == 1
    assert (
        list(ChildcareRequest.objects.order_by("registered_at").values_list("status", "start_earliest")[:50])
        == first
    )


def test_every_demo_status_history_is_a_legal_path(demo):
    from loket.demand.lifecycle import check_transition

    for request in ChildcareRequest.objects.prefetch_related("status_changes")[:200]:
        changes = list(request.status_changes.all())
        for change in changes[1:]:
            check_transition(change.from_status, change.to_status)
        assert changes[-1].to_status == request.status


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.email)
def test_each_demo_account_signs_in_and_lands_on_its_home(client, demo, account):
    assert client.login(username=account.email, password=DEMO_PASSWORD)
    landing = client.get("/start/")
    assert landing.status_code == 302
    home = client.get(landing.url)
    assert home.status_code == 200, (account.email, landing.url)
