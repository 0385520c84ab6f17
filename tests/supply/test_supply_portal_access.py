"""The portal through its pages: a provider reaches only its own organiser's locations, free places and requests
(location-scoped staff only their location); the request list carries no family details; the desk sees its own
area's follow-up."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from supply_world import days_ago, providers_answer, stale_opening

from loket.audit.models import AuditEvent
from loket.core.months import add_months
from loket.demand.models import Guardian
from loket.supply.models import Opening, ProviderAnswer
from loket.testing.factories import make_family, make_opening, make_request

pytestmark = pytest.mark.django_db


def location_pages(location):
    return [
        reverse("supply:location", args=[location.pk]),
        reverse("supply:location_edit", args=[location.pk]),
        reverse("supply:location_enrolled", args=[location.pk]),
        reverse("supply:opening_declare", args=[location.pk]),
        reverse("supply:location_requests", args=[location.pk]),
    ]


def opening_pages(opening):
    return [
        reverse("supply:opening_change", args=[opening.pk]),
        reverse("supply:opening_withdraw", args=[opening.pk]),
    ]


def test_a_provider_reaches_its_own_locations(client, world):
    opening = make_opening(world.a2)
    client.force_login(world.provider_a)
    for url in location_pages(world.a1) + location_pages(world.a2) + opening_pages(opening):
        assert client.get(url).status_code == 200, url


def test_a_provider_never_reaches_another_organisers_locations_or_places(client, world):
    theirs = make_opening(world.b1, tariff="free", count=4)
    far = make_opening(world.far)
    client.force_login(world.provider_a)
    for url in (
        location_pages(world.b1) + location_pages(world.far) + opening_pages(theirs) + opening_pages(far)
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("supply:opening_confirm", args=[theirs.pk]),
        reverse("supply:location_confirm_all", args=[world.b1.pk]),
        reverse("supply:opening_withdraw", args=[theirs.pk]),
    ):
        assert client.post(url, {"reason": "mistake"}).status_code == 404, url
    response = client.post(
        reverse("supply:opening_change", args=[theirs.pk]),
        {
            "tariff": "free",
            "start_month": "2027-03-01",
            "weekdays": ["1"],
            "age_min_months": 0,
            "age_max_months": 36,
            "count": 1,
        },
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.count == 4 and theirs.withdrawn_at is None
    listing = client.get(reverse("supply:openings")).content.decode()
    assert "Boomhut" not in listing and "Verweg" not in listing


def test_location_scoped_staff_reach_only_their_location(client, world):
    sibling_opening = make_opening(world.a2)
    client.force_login(world.provider_a1)
    assert client.get(reverse("supply:location", args=[world.a1.pk])).status_code == 200
    for url in location_pages(world.a2) + opening_pages(sibling_opening):
        assert client.get(url).status_code == 404, url
    home = client.get(reverse("portal:provider_home")).content.decode()
    assert "Zonnetje" in home and "Maantje" not in home


@pytest.mark.parametrize("role", ["worker", "provider_b"])
def test_the_request_list_is_for_the_locations_provider_only(client, world, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("supply:location_requests", args=[world.a1.pk])).status_code in (403, 404)


def test_the_request_list_shows_the_class_but_no_family_details(client, world):
    request = make_request(
        make_family(world.desk), locations=[world.a1], work=True, single_parent=True, first_name="Zwxqkind"
    )
    Guardian.objects.filter(family=request.child.family).update(
        last_name="Kjvqouder", email="kjvq@example.org"
    )
    client.force_login(world.provider_a)
    response = client.get(reverse("supply:location_requests", args=[world.a1.pk]))
    body = response.content.decode()
    assert f"#{request.pk}" in body
    assert "Werk en een voorrangsgroep" in body or "Work and a priority group" in body
    for secret in ("Zwxqkind", "Kjvqouder", "kjvq@example.org", request.child.family.reference):
        assert secret not in body
    event = AuditEvent.objects.get(event="location.requests_viewed")
    assert event.detail == {"request_ids": [request.pk]}


def test_declaring_through_the_form(client, world):
    client.force_login(world.provider_a)
    url = reverse("supply:opening_declare", args=[world.a1.pk])
    form = client.get(url).context["form"]
    start = form.fields["start_month"].choices[2][0]
    response = client.post(
        url,
        {
            "tariff": "free",
            "start_month": start,
            "weekdays": ["1", "3"],
            "age_min_months": 3,
            "age_max_months": 30,
            "count": 2,
        },
    )
    assert response.status_code == 302
    opening = Opening.objects.get(location=world.a1)
    assert (opening.tariff, opening.start_month.isoformat(), opening.weekdays, opening.count) == (
        "free",
        start,
        (1, 3),
        2,
    )
    bad = client.post(
        url,
        {
            "tariff": "free",
            "start_month": start,
            "weekdays": [],
            "age_min_months": 30,
            "age_max_months": 3,
            "count": 0,
        },
    )
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"weekdays", "age_max_months", "count"}
    assert Opening.objects.count() == 1


def test_withdrawing_and_confirming_through_the_pages(client, world):
    opening = stale_opening(world.a1)
    client.force_login(world.provider_a)
    page = client.get(reverse("supply:location", args=[world.a1.pk])).content.decode()
    assert "left out of rounds" in page or "niet meegenomen" in page
    client.post(reverse("supply:opening_confirm", args=[opening.pk]))
    opening.refresh_from_db()
    assert opening.confirmed_at > days_ago(1)
    client.post(reverse("supply:opening_withdraw", args=[opening.pk]), {"reason": "filled"})
    opening.refresh_from_db()
    assert opening.withdrawn_at is not None


def test_enrolment_and_practical_data_through_the_forms(client, world):
    client.force_login(world.provider_a)
    response = client.post(
        reverse("supply:location_enrolled", args=[world.a2.pk]), {"total": 12, "reserve_eligible": 20}
    )
    assert response.status_code == 200 and "reserve_eligible" in response.context["form"].errors
    client.post(reverse("supply:location_enrolled", args=[world.a2.pk]), {"total": 12, "reserve_eligible": 2})
    world.a2.refresh_from_db()
    assert world.a2.enrolled_total == 12
    data = {
        "opens_at": "07:30",
        "closes_at": "18:00",
        "weekdays": ["1", "2", "3", "4"],
        "age_min_months": 0,
        "age_max_months": 36,
        "phone": "",
        "email": "",
        "languages": "Nederlands",
        "description": "",
    }
    data["closes_at"] = "07:00"
    response = client.post(reverse("supply:location_edit", args=[world.a2.pk]), data)
    assert response.status_code == 200 and "closes_at" in response.context["form"].errors
    data["closes_at"] = "18:00"
    # The licence's facts are not the provider's to change: posted anyway, they are ignored.
    licence = {"licensed_capacity": 40, "tariff_regime": "mix", "income_places": 9, "subsidy_step": "3"}
    assert client.post(reverse("supply:location_edit", args=[world.a2.pk]), data | licence).status_code == 302
    world.a2.refresh_from_db()
    assert world.a2.weekdays == (1, 2, 3, 4) and world.a2.languages == "Nederlands"
    assert (world.a2.licensed_capacity, world.a2.tariff_regime, world.a2.subsidy_step) == (18, "income", "2B")


def test_answers_only_where_the_desk_lets_providers_answer(client, world):
    request = make_request(make_family(world.desk), locations=[world.a1], registered_at=days_ago(30))
    url = reverse("supply:request_answer", args=[world.a1.pk, request.pk])
    client.force_login(world.provider_a)
    assert client.post(url, {"answer": "no_place"}).status_code == 404
    providers_answer(world.desk)
    page = client.get(reverse("supply:location_requests", args=[world.a1.pk])).content.decode()
    assert 'name="answer"' in page
    assert client.post(url, {"answer": "no_place"}).status_code == 302
    assert ProviderAnswer.objects.get().answer == "no_place"
    client.force_login(world.provider_b)
    assert (
        client.post(
            reverse("supply:request_answer", args=[world.b1.pk, request.pk]), {"answer": "possible"}
        ).status_code
        == 404
    )


def test_the_desk_sees_its_own_areas_follow_up(client, world):
    stale_opening(world.b1, tariff="free")
    stale_opening(world.far)
    providers_answer(world.desk)
    late = make_request(make_family(world.desk), locations=[world.a2], registered_at=days_ago(40))
    client.force_login(world.worker)
    response = client.get(reverse("supply:desk_follow_up"))
    assert [o.location for o in response.context["stale"]] == [world.b1]
    assert [a.request_id for a in response.context["overdue"]] == [late.pk]
    client.force_login(world.other_worker)
    response = client.get(reverse("supply:desk_follow_up"))
    assert [o.location for o in response.context["stale"]] == [world.far]
    assert list(response.context["overdue"]) == []
    client.force_login(world.provider_a)
    assert client.get(reverse("supply:desk_follow_up")).status_code == 403


def test_the_capacity_view_shows_the_declared_places(client, world):
    today = timezone.localdate()
    start = add_months(date(today.year, today.month, 1), 3)
    make_opening(world.a2, start_month=start, count=3)
    client.force_login(world.provider_a)
    response = client.get(reverse("supply:location", args=[world.a2.pk]))
    rows = {row.month: row for row in response.context["capacity"]}
    assert rows[start].free == 3 and rows[add_months(start, -1)].free == 0
    body = response.content.decode()
    assert "<svg" in body and 'role="img"' in body and "capacity-table" in body
