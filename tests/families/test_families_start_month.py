"""The start month: bounded (no far years), never before the (expected) birth, never at an age a chosen location does
not take. A plain message in each case, on the public wizard and on the parent's change form."""

from datetime import date

import pytest
from families_helpers import next_month

from loket.core.months import add_months

pytestmark = pytest.mark.django_db

BASE = "/gezin/aanvraag/stap/"


def _to_care_step(client, *, born="yes", when="2026-06-01"):
    client.post(BASE + "woonplaats/", {"postcode": "9800"})
    client.post(BASE + "kinderen/", {"count": "1"})
    assert client.post(BASE + "kind/", {"c1_born": born, "c1_date": when}).status_code == 302


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "10001-01", "0000-01", "2027-13", "12/9999"])
def test_far_months_get_a_form_error_not_a_server_error(client, area, month):
    _to_care_step(client)
    for earliest, latest in ((month, next_month(4)), (next_month(2), month), (month, month)):
        response = client.post(
            BASE + "opvang/",
            {"start_earliest": earliest, "start_latest": latest, "weekdays": ["1"], "tariffs": ["free"]},
        )
        assert response.status_code == 400
        assert "data-error-summary" in response.content.decode()


def test_a_start_more_than_three_years_ahead_is_refused(client, area):
    _to_care_step(client)
    response = client.post(
        BASE + "opvang/",
        {
            "start_earliest": next_month(40),
            "start_latest": next_month(41),
            "weekdays": ["1"],
            "tariffs": ["free"],
        },
    )
    assert response.status_code == 400 and "drie jaar" in response.content.decode()


def test_a_start_before_the_expected_birth_is_refused(client, area):
    due = add_months(date.today(), 4).replace(day=14)
    _to_care_step(client, born="no", when=due.isoformat())
    before = f"{add_months(due, -2):%Y-%m}"
    response = client.post(
        BASE + "opvang/",
        {"start_earliest": before, "start_latest": next_month(8), "weekdays": ["1"], "tariffs": ["free"]},
    )
    body = response.content.decode()
    assert response.status_code == 400 and "niet starten vóór de geboorte" in body
    after = f"{add_months(due, 1):%Y-%m}"
    response = client.post(
        BASE + "opvang/",
        {"start_earliest": after, "start_latest": next_month(8), "weekdays": ["1"], "tariffs": ["free"]},
    )
    assert response.status_code == 302


def test_a_later_due_date_asks_the_months_again(client, area):
    _to_care_step(client, born="no", when=add_months(date.today(), 2).replace(day=10).isoformat())
    care = {
        "start_earliest": next_month(3),
        "start_latest": next_month(6),
        "weekdays": ["1"],
        "tariffs": ["free"],
    }
    assert client.post(BASE + "opvang/", care).status_code == 302
    later = add_months(date.today(), 5).replace(day=10).isoformat()
    client.post(BASE + "kind/", {"c1_born": "no", "c1_date": later})
    from loket.families.models import RegistrationDraft

    assert "opvang" not in RegistrationDraft.objects.get().data["steps"]


def test_the_change_form_refuses_far_months_a_start_before_birth_and_an_age_a_choice_does_not_take(
    client, parent_request
):
    user, request = parent_request
    client.force_login(user)
    url = f"/gezin/aanvraag/{request.pk}/wensen/"
    base = {"weekdays": ["1"], "tariffs": ["free"]}
    for month in ("9999-12", "0001-01"):
        response = client.post(url, base | {"start_earliest": month, "start_latest": month})
        assert response.status_code == 400
    child = request.child
    child.birth_date, child.due_date = None, add_months(date.today(), 3).replace(day=20)
    child.save()
    response = client.post(url, base | {"start_earliest": next_month(1), "start_latest": next_month(5)})
    assert response.status_code == 400 and "vóór de geboorte" in response.content.decode()
    # A chosen location that takes children from 12 months on: a start at 4 to 6 months old does not fit it.
    location = request.choices.order_by("rank").first().location
    location.age_min_months = 12
    location.save()
    response = client.post(url, base | {"start_earliest": next_month(7), "start_latest": next_month(9)})
    body = response.content.decode()
    assert response.status_code == 400 and location.name in body and "12" in body
    request.refresh_from_db()
    assert request.start_earliest.strftime("%Y-%m") != next_month(7)
