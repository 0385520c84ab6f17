"""Twins and siblings registered together: "only a place for all of them" is kept with the requests, and a change
to one child's choices, days or start applies to all of them (FORMAT.md has no joint requests, so they stay in step)."""

import pytest
from families_helpers import make_offer, next_month
from test_families_registration import answer_all

from loket.demand.models import ChildcareRequest

pytestmark = pytest.mark.django_db(transaction=True)


def _register_twins(client, area, *, together=True):
    client.post("/gezin/aanvraag/stap/woonplaats/", {"postcode": "9800"})
    data = {"count": "2"} | ({"together": "on"} if together else {})
    assert client.post("/gezin/aanvraag/stap/kinderen/", data).status_code == 302
    return answer_all(client, area, count=2, together=together)


def test_twins_registered_together_keep_the_same_choices_and_wishes(client, area):
    _register_twins(client, area)
    first, second = ChildcareRequest.objects.order_by("pk")
    assert first.together_key and first.together_key == second.together_key
    assert first.only_together and second.only_together
    # Changing the first child's choices changes the second child's too.
    third = area["locations"][2]
    client.post(f"/gezin/aanvraag/{first.pk}/keuzes/", {"action": f"remove:{third.pk}"})
    assert list(second.choices.order_by("rank").values_list("location_id", flat=True)) == [
        loc.pk for loc in area["locations"][:2]
    ]
    wishes = {
        "start_earliest": next_month(4),
        "start_latest": next_month(7),
        "weekdays": ["2"],
        "tariffs": ["free"],
    }
    assert client.post(f"/gezin/aanvraag/{second.pk}/wensen/", wishes).status_code == 302
    first.refresh_from_db()
    assert first.weekdays == (2,) and first.start_earliest.strftime("%Y-%m") == next_month(4)
    assert "Alleen een plaats voor allemaal samen" in client.get("/gezin/").content.decode()
    # An offer for one twin only: the offer page says the other has no place there yet.
    offer = make_offer(first, area["locations"][0])
    body = client.get(f"/gezin/aanbod/{offer.pk}/").content.decode()
    assert "voor uw andere kind" in body


def test_without_the_option_twins_still_stay_in_step_but_not_only_together(client, area):
    _register_twins(client, area, together=False)
    first, second = ChildcareRequest.objects.order_by("pk")
    assert first.together_key == second.together_key and not first.only_together
