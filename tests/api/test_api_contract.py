"""The API's shared behaviour: problem details, pagination and filters, ETags, idempotency keys, and the writes."""

from datetime import date

import pytest
from api_helpers import PROBLEM, bearer

from loket.supply.models import Opening
from loket.testing.factories import make_location, make_opening

pytestmark = pytest.mark.django_db

OPENINGS = "/api/v1/provider/openings"


def declare(client, token, body, key="key-1"):
    return client.post(
        OPENINGS, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **bearer(token)
    )


def opening_body(location, **overrides):
    body = {
        "location_id": location.pk,
        "tariff": "income",
        "start_month": "2030-02-14",
        "weekdays": [1, 2, 3],
        "count": 2,
    }
    return {**body, **overrides}


def test_declare_free_places_through_the_service(client, area, provider_token):
    response = declare(client, provider_token, opening_body(area["our_location"]))
    assert response.status_code == 201, response.content
    body = response.json()
    opening = Opening.objects.get(pk=body["id"])
    assert opening.start_month == date(2030, 2, 1)  # the service keeps the first of the month
    assert opening.weekdays == (1, 2, 3) and opening.count == 2
    assert body["start_month"] == "2030-02-01"


def test_invalid_fields_are_listed_one_by_one(client, area, provider_token):
    response = declare(
        client, provider_token, opening_body(area["our_location"], count=0, weekdays=[9], tariff="gratis")
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["type"].endswith("/validation")
    fields = {e["name"]: e for e in problem["errors"]}
    assert {"count", "tariff", "weekdays.0"} <= set(fields)
    assert fields["count"]["in"] == "body" and fields["count"]["pointer"] == "/count"


def test_business_rules_come_back_as_field_problems(client, area, provider_token):
    # The location has only the income-related tariff (a rule of the model, applied by the service).
    response = declare(client, provider_token, opening_body(area["our_location"], tariff="free"))
    assert response.status_code == 422
    assert [e["name"] for e in response.json()["errors"]] == ["tariff"]
    response = declare(
        client, provider_token, opening_body(area["our_location"], start_month="2020-01-01"), "k2"
    )
    assert [e["name"] for e in response.json()["errors"]] == ["start_month"]


def test_messages_follow_accept_language(client, area, provider_token):
    response = client.get(
        "/api/v1/provider/openings/999999", HTTP_ACCEPT_LANGUAGE="nl", **bearer(provider_token)
    )
    assert response.status_code == 404
    assert response.json()["title"] == "Niet gevonden."


def test_declaring_needs_an_idempotency_key(client, area, provider_token):
    response = client.post(
        OPENINGS,
        opening_body(area["our_location"]),
        content_type="application/json",
        **bearer(provider_token),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["in"] == "header"
    assert not Opening.objects.filter(start_month=date(2030, 2, 1)).exists()


def test_a_retry_with_the_same_key_declares_nothing_new(client, area, provider_token):
    body = opening_body(area["our_location"])
    first = declare(client, provider_token, body, key="retry-me")
    again = declare(client, provider_token, body, key="retry-me")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Opening.objects.filter(start_month=date(2030, 2, 1)).count() == 1
    # The same key with another body is refused and changes nothing.
    other = declare(client, provider_token, opening_body(area["our_location"], count=5), key="retry-me")
    assert other.status_code == 422 and other["Content-Type"] == PROBLEM
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert Opening.objects.filter(start_month=date(2030, 2, 1)).count() == 1
    # A new key is a new declaration.
    assert declare(client, provider_token, body, key="another").status_code == 201
    assert Opening.objects.filter(start_month=date(2030, 2, 1)).count() == 2


def test_keys_belong_to_one_token(client, area, provider_token, other_provider_token):
    declare(client, provider_token, opening_body(area["our_location"]), key="shared")
    theirs = declare(client, other_provider_token, opening_body(area["their_location"]), key="shared")
    assert theirs.status_code == 201
    assert theirs.json()["location_id"] == area["their_location"].pk


def test_change_withdraw_and_confirm(client, area, provider_token):
    opening = area["our_opening"]
    url = f"{OPENINGS}/{opening.pk}"
    response = client.patch(url, {"count": 4}, content_type="application/json", **bearer(provider_token))
    assert response.status_code == 200 and response.json()["count"] == 4
    response = client.post(f"{url}/confirm", **bearer(provider_token))
    assert response.status_code == 200
    response = client.post(
        f"{url}/withdraw", {"reason": "filled"}, content_type="application/json", **bearer(provider_token)
    )
    assert response.status_code == 200 and response.json()["withdrawn_at"]
    listed = client.get(OPENINGS, **bearer(provider_token)).json()
    assert listed["count"] == 0
    listed = client.get(f"{OPENINGS}?include_withdrawn=true", **bearer(provider_token)).json()
    assert listed["count"] == 1
    # A withdrawn opening cannot be changed: the service's rule, as a problem.
    response = client.patch(url, {"count": 1}, content_type="application/json", **bearer(provider_token))
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM


def test_enrolled_counts(client, area, provider_token):
    location = area["our_location"]
    url = f"/api/v1/provider/locations/{location.pk}/enrolled"
    response = client.put(
        url,
        {"enrolled_total": 12, "enrolled_reserve_eligible": 3},
        content_type="application/json",
        **bearer(provider_token),
    )
    assert response.status_code == 200
    location.refresh_from_db()
    assert (location.enrolled_total, location.enrolled_reserve_eligible) == (12, 3)
    response = client.put(
        url,
        {"enrolled_total": 2, "enrolled_reserve_eligible": 3},
        content_type="application/json",
        **bearer(provider_token),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "enrolled_reserve_eligible"


def test_pagination_and_filters(client, area):
    for n in range(5):
        make_location(
            area["ours"], area["municipality"], name=f"Zonnetje {n}", care_type="family", licensed_capacity=4
        )
    first = client.get("/api/v1/open/locations?page_size=3").json()
    assert first["count"] == 7 and len(first["results"]) == 3 and first["previous"] is None
    second = client.get(first["next"].replace("http://testserver", "")).json()
    assert second["page"] == 2 and len(second["results"]) == 3
    names = [r["name"] for r in first["results"] + second["results"]]
    assert len(set(names)) == 6
    family = client.get("/api/v1/open/locations?care_type=family").json()
    assert family["count"] == 5
    free = client.get("/api/v1/open/locations?has_free_places=true").json()
    assert {r["name"] for r in free["results"]} == {"De Speelboom", "Het Nest"}
    assert client.get("/api/v1/open/locations?page=99").json()["results"] == []
    bad = client.get("/api/v1/open/locations?page_size=1000")
    assert bad.status_code == 422 and bad.json()["errors"][0] == {
        "in": "query",
        "name": "page_size",
        "detail": bad.json()["errors"][0]["detail"],
    }


def test_public_location_shows_free_places_but_not_urgent_ones(client, area):
    location = area["our_location"]
    make_opening(location, count=3, urgent_only=True)
    make_opening(location, count=1, start_month=date(2027, 1, 1))
    body = client.get(f"/api/v1/open/locations/{location.pk}").json()
    assert body["has_free_places"] is True
    assert body["free_places"] == 3  # 2 + 1; the 3 urgent places are not public
    assert body["free_from"] == "2027-01-01"
    assert body["municipality"]["nis_code"] == area["municipality"].nis_code


def test_etag_gives_304_when_nothing_changed(client, area, provider_token):
    first = client.get(OPENINGS, **bearer(provider_token))
    etag = first["ETag"]
    assert etag.startswith('"')
    again = client.get(OPENINGS, HTTP_IF_NONE_MATCH=etag, **bearer(provider_token))
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    make_opening(area["our_location"], count=1)
    changed = client.get(OPENINGS, HTTP_IF_NONE_MATCH=etag, **bearer(provider_token))
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_agency_figures_are_suppressed(client, agency_token):
    from loket.testing.factories import make_request

    for _ in range(3):
        make_request()
    body = client.get("/api/v1/agency/figures", **bearer(agency_token)).json()
    assert body["suppression_threshold"] == 5
    values = [row["children"] for row in body["rows"]]
    assert values and all(v == "<5" or v == 0 or (isinstance(v, int) and v >= 5) for v in values)
    assert "<5" in values


def test_stored_answers_to_retried_writes_are_purged_after_a_day(client, area, provider_token):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from loket.api.models import IdempotentWrite

    declare(client, provider_token, opening_body(area["our_location"]), key="old")
    declare(client, provider_token, opening_body(area["our_location"], count=1), key="fresh")
    IdempotentWrite.objects.filter(key="old").update(created_at=timezone.now() - timedelta(hours=25))
    call_command("apply_retention")
    assert list(IdempotentWrite.objects.values_list("key", flat=True)) == ["fresh"]
