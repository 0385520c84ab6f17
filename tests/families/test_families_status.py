"""The status page: each choice's state, changing choices, days and start (the registration date stays), withdrawing,
the "are you still looking?" confirmation, and answering an offer."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from families_helpers import make_offer, next_month

from loket.allocation.models import Offer
from loket.audit.models import AuditEvent
from loket.demand.lifecycle import Status
from loket.demand.models import ChildcareRequest
from loket.families.services import reconfirmations_run
from loket.testing.factories import make_family, make_request, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_status_page_shows_the_request_its_choices_and_timeline(client, parent_request):
    user, request = parent_request
    client.force_login(user)
    body = client.get("/gezin/").content.decode()
    assert "Mila" in body and request.child.family.reference in body
    for choice in request.choices.all():
        assert choice.location.name in body
    assert "Wacht op een plaats" in body  # each choice's state
    assert "Keuzes wijzigen" in body and "Mijn aanvraag stoppen" in body


def test_changing_choices_keeps_the_registration_date(client, parent_request, area):
    user, request = parent_request
    registered_at = request.registered_at
    first, second, third, _fourth = area["locations"]
    client.force_login(user)
    assert client.get(f"/gezin/aanvraag/{request.pk}/keuzes/").status_code == 200
    client.post(f"/gezin/aanvraag/{request.pk}/keuzes/", {"action": "add", "location": str(third.pk)})
    client.post(f"/gezin/aanvraag/{request.pk}/keuzes/", {"action": f"up:{third.pk}"})
    client.post(f"/gezin/aanvraag/{request.pk}/keuzes/", {"action": f"remove:{first.pk}"})
    request.refresh_from_db()
    assert [c.location for c in request.choices.order_by("rank")] == [third, second]
    assert request.registered_at == registered_at
    changes = AuditEvent.objects.filter(
        event="request.choices_changed", object_id=str(request.pk), actor=user
    )
    assert changes.count() == 3
    # The last choice cannot be removed: a request needs one.
    client.post(f"/gezin/aanvraag/{request.pk}/keuzes/", {"action": f"remove:{second.pk}"})
    response = client.post(f"/gezin/aanvraag/{request.pk}/keuzes/", {"action": f"remove:{third.pk}"})
    assert response.status_code == 400 and "minstens één" in response.content.decode()


def test_changing_days_and_start_keeps_the_registration_date(client, parent_request):
    user, request = parent_request
    registered_at = request.registered_at
    client.force_login(user)
    url = f"/gezin/aanvraag/{request.pk}/wensen/"
    page = client.get(url).content.decode()
    assert 'value="2027-02"' in page
    bad = client.post(
        url, {"start_earliest": next_month(4), "start_latest": next_month(4), "tariffs": ["free"]}
    )
    assert bad.status_code == 400 and "minstens één dag" in bad.content.decode()
    good = {
        "start_earliest": next_month(4),
        "start_latest": next_month(7),
        "weekdays": ["1", "5"],
        "tariffs": ["free"],
    }
    assert client.post(url, good).status_code == 302
    request.refresh_from_db()
    assert request.weekdays == (1, 5) and request.accepted_tariffs == ["free"]
    assert request.start_earliest.strftime("%Y-%m") == next_month(4)
    assert request.registered_at == registered_at


def test_withdrawing_closes_the_request(client, parent_request):
    user, request = parent_request
    client.force_login(user)
    assert client.get(f"/gezin/aanvraag/{request.pk}/stoppen/").status_code == 200
    client.post(f"/gezin/aanvraag/{request.pk}/stoppen/", {"reason": "Zelf opvang gevonden"})
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN and request.closed_at is not None
    # A closed request can no longer be changed.
    assert client.get(f"/gezin/aanvraag/{request.pk}/keuzes/").status_code == 404


def test_another_familys_request_is_not_found(client, parent_request, area):
    _user, request = parent_request
    other = make_user()
    make_request(make_family(area["desk"], user=other), locations=area["locations"][:1])
    client.force_login(other)
    for path in ("keuzes/", "wensen/", "stoppen/"):
        assert client.get(f"/gezin/aanvraag/{request.pk}/{path}").status_code == 404
    assert client.post(f"/gezin/aanvraag/{request.pk}/nog-zoekend/").status_code == 404


def test_still_looking_is_asked_then_reminded_then_the_request_expires(client, parent_request, area):
    user, request = parent_request
    desk = area["desk"]
    desk.reconfirm_every_days, desk.reconfirm_grace_days = 30, 14
    desk.save()
    now = timezone.now()
    assert reconfirmations_run(now=now) == {"asked": 1, "reminded": 0, "expired": 0}
    assert reconfirmations_run(now=now) == {"asked": 0, "reminded": 0, "expired": 0}  # asked once
    assert any("nog kinderopvang" in m.subject for m in mail.outbox)
    request.refresh_from_db()
    assert request.reconfirm_asked_at is not None
    client.force_login(user)
    assert "Ja, ik zoek nog" in client.get("/gezin/").content.decode()
    # Silent for the grace period: a reminder; silent again: the request expires.
    assert reconfirmations_run(now=now + timedelta(days=15))["reminded"] == 1
    assert reconfirmations_run(now=now + timedelta(days=20))["expired"] == 0
    assert reconfirmations_run(now=now + timedelta(days=30))["expired"] == 1
    request.refresh_from_db()
    assert request.status == Status.EXPIRED
    assert [m.subject for m in mail.outbox][-1] == "Uw aanvraag voor kinderopvang is gestopt"


def test_answering_still_looking_starts_the_clock_again(client, parent_request, area):
    user, request = parent_request
    area["desk"].reconfirm_every_days = 30
    area["desk"].save()
    now = timezone.now()
    reconfirmations_run(now=now)
    client.force_login(user)
    assert client.post(f"/gezin/aanvraag/{request.pk}/nog-zoekend/").status_code == 302
    request.refresh_from_db()
    assert request.reconfirm_asked_at is None and request.last_confirmed_at >= now
    assert reconfirmations_run(now=now + timedelta(days=20)) == {"asked": 0, "reminded": 0, "expired": 0}
    assert request.status == Status.REGISTERED


def test_an_offer_is_shown_and_declined_with_a_reason(client, parent_request, area):
    user, request = parent_request
    offer = make_offer(request, area["locations"][0])
    client.force_login(user)
    body = client.get("/gezin/").content.decode()
    assert "U krijgt een plaats aangeboden" in body and f"/gezin/aanbod/{offer.pk}/" in body
    missing = client.post(f"/gezin/aanbod/{offer.pk}/", {"action": "decline", "reason": ""})
    assert missing.status_code == 400 and "korte reden" in missing.content.decode()
    client.post(f"/gezin/aanbod/{offer.pk}/", {"action": "decline", "reason": "Te ver van het werk"})
    offer.refresh_from_db()
    request.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED and offer.decline_reason == "Te ver van het werk"
    assert request.status == Status.DECLINED


def test_an_offer_is_accepted(client, parent_request, area):
    user, request = parent_request
    offer = make_offer(request, area["locations"][1])
    client.force_login(user)
    assert client.get(f"/gezin/aanbod/{offer.pk}/").status_code == 200
    client.post(f"/gezin/aanbod/{offer.pk}/", {"action": "accept"})
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    assert ChildcareRequest.objects.get(pk=request.pk).status == Status.ACCEPTED
    # Another family cannot open it.
    client.force_login(make_user())
    assert client.get(f"/gezin/aanbod/{offer.pk}/").status_code in (403, 404)


def test_a_parent_can_choose_a_password_and_sign_in_with_it(client, parent_request):
    user, _request = parent_request
    client.force_login(user)
    data = {"new_password1": "Een-nieuw-wachtwoord-77", "new_password2": "Een-nieuw-wachtwoord-77"}
    assert client.post("/gezin/wachtwoord/", data).status_code == 302
    client.logout()
    response = client.post(
        "/account/aanmelden/", {"username": user.email, "password": "Een-nieuw-wachtwoord-77"}
    )
    assert response.status_code == 302


def test_an_offer_shows_start_days_address_hours_price_and_why(client, parent_request, area):
    from datetime import date
    from decimal import Decimal

    from loket.guide.models import FreeDayPrice

    user, request = parent_request
    location = area["locations"][1]  # the family's second choice
    offer = make_offer(request, location)
    client.force_login(user)
    body = client.get(f"/gezin/aanbod/{offer.pk}/").content.decode()
    assert location.street in body and "07:00–18:30" in body
    assert "vanaf" in body and str(offer.opening.start_month.year) in body
    assert "maandag" in body.lower() and "vrijdag" in body.lower()
    # Income-related: the calculator's range, for the offered days, with a way to the calculator.
    assert "Tussen" in body and "6,47" in body and "35,89" in body and "/wat-kost-het/" in body
    assert "uw keuze 2" in body
    # A free-price place shows the provider's day price and the price after the allowance.
    offer.opening.tariff = "free"
    offer.opening.save()
    FreeDayPrice.objects.create(location=location, day_price=Decimal("40.00"), valid_from=date(2025, 1, 1))
    body = client.get(f"/gezin/aanbod/{offer.pk}/").content.decode()
    assert "40,00" in body and "36,70" in body


def test_changing_choices_adds_from_the_nearest_first_list_and_refuses_an_age_the_location_does_not_take(
    client, parent_request, area
):
    user, request = parent_request
    client.force_login(user)
    url = f"/gezin/aanvraag/{request.pk}/keuzes/"
    body = client.get(url).content.decode()
    # The two locations not chosen yet are listed to add, with the distance; no select of every location.
    assert 'id="choice-results"' in body and "km" in body and 'name="location"' not in body
    third, fourth = area["locations"][2:]
    fourth.age_min_months = 30
    fourth.save()
    response = client.post(url, {"action": f"add:{fourth.pk}"})
    assert response.status_code == 400 and "30 tot 36 maanden" in response.content.decode()
    assert client.post(url + "?afstand=5&filter=1", {"action": f"add:{third.pk}"}).status_code == 302
    assert list(request.choices.order_by("rank").values_list("location_id", flat=True))[-1] == third.pk
