"""Who may call what: no token, a provider token of one organiser, another organiser's, the agency's, a revoked one."""

import pytest
from api_helpers import PROBLEM, bearer
from django.utils import timezone

from loket.api.models import ApiToken
from loket.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PROVIDER_READS = ["/api/v1/provider/locations", "/api/v1/provider/openings"]


@pytest.mark.parametrize("url", [*PROVIDER_READS, "/api/v1/agency/figures"])
def test_no_token_is_a_401_problem(client, area, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 401 and body["type"].endswith("/unauthenticated") and body["instance"] == url
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_unknown_and_revoked_tokens_are_refused(client, area, provider_token):
    assert client.get(PROVIDER_READS[0], **bearer("lkt_not-a-real-token")).status_code == 401
    assert client.get(PROVIDER_READS[0], **bearer(provider_token)).status_code == 200
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get(PROVIDER_READS[0], **bearer(provider_token)).status_code == 401


def test_open_data_needs_no_token(client, area):
    response = client.get("/api/v1/open/locations")
    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert names == {"De Speelboom", "Het Nest"}


def test_provider_token_sees_only_its_own_organiser(client, area, provider_token):
    locations = client.get("/api/v1/provider/locations", **bearer(provider_token)).json()["results"]
    assert [row["id"] for row in locations] == [area["our_location"].pk]
    openings = client.get("/api/v1/provider/openings", **bearer(provider_token)).json()["results"]
    assert [row["id"] for row in openings] == [area["our_opening"].pk]
    # Another organiser's objects are simply not there.
    for url in (
        f"/api/v1/provider/locations/{area['their_location'].pk}",
        f"/api/v1/provider/openings/{area['their_opening'].pk}",
    ):
        response = client.get(url, **bearer(provider_token))
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    # Filtering by another organiser's location finds nothing either.
    other = client.get(
        f"/api/v1/provider/openings?location_id={area['their_location'].pk}", **bearer(provider_token)
    ).json()
    assert other["count"] == 0


def test_provider_token_cannot_write_another_organisers_data(client, area, provider_token):
    theirs = area["their_opening"]
    location = area["their_location"]
    headers = bearer(provider_token)
    attempts = [
        client.patch(
            f"/api/v1/provider/openings/{theirs.pk}", {"count": 9}, content_type="application/json", **headers
        ),
        client.post(
            f"/api/v1/provider/openings/{theirs.pk}/withdraw", {}, content_type="application/json", **headers
        ),
        client.post(f"/api/v1/provider/openings/{theirs.pk}/confirm", **headers),
        client.put(
            f"/api/v1/provider/locations/{location.pk}/enrolled",
            {"enrolled_total": 3, "enrolled_reserve_eligible": 1},
            content_type="application/json",
            **headers,
        ),
        client.post(
            "/api/v1/provider/openings",
            {
                "location_id": location.pk,
                "tariff": "income",
                "start_month": "2030-01-01",
                "weekdays": [1, 2],
                "count": 1,
            },
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="k-1",
            **headers,
        ),
    ]
    assert [r.status_code for r in attempts] == [404] * len(attempts)
    theirs.refresh_from_db()
    location.refresh_from_db()
    assert theirs.count == 1 and theirs.withdrawn_at is None
    assert location.enrolled_total == 0
    assert location.openings.count() == 1


def test_agency_token_is_read_only_and_not_a_provider(client, area, agency_token):
    headers = bearer(agency_token)
    assert client.get("/api/v1/agency/figures", **headers).status_code == 200
    response = client.get("/api/v1/provider/locations", **headers)
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM
    response = client.post(f"/api/v1/provider/openings/{area['our_opening'].pk}/confirm", **headers)
    assert response.status_code == 403
    # The figures endpoint accepts no writes at all.
    assert client.post("/api/v1/agency/figures", **headers).status_code == 405


def test_provider_token_cannot_read_agency_figures(client, area, provider_token):
    response = client.get("/api/v1/agency/figures", **bearer(provider_token))
    assert response.status_code == 403


def test_every_token_call_is_audited_without_personal_data(client, area, provider_token):
    client.get(f"/api/v1/provider/openings/{area['our_opening'].pk}", **bearer(provider_token))
    event = AuditEvent.objects.filter(event="api.called").latest("pk")
    token = ApiToken.objects.get(organiser=area["ours"])
    assert event.object_type == "api.apitoken" and event.object_id == str(token.pk)
    assert event.detail["operation"] == "provider_opening"
    assert event.detail["status"] == 200 and event.detail["method"] == "GET"
    assert event.detail["opening_id"] == area["our_opening"].pk
    assert event.detail["token"] == token.prefix


def test_rate_limit_per_token(client, area, provider_token, other_provider_token):
    ApiToken.objects.filter(organiser=area["ours"]).update(rate_limit_per_minute=3)
    codes = [client.get(PROVIDER_READS[0], **bearer(provider_token)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get(PROVIDER_READS[0], **bearer(provider_token))
    assert limited["Content-Type"] == PROBLEM and int(limited["Retry-After"]) >= 1
    # Another token has its own budget.
    assert client.get(PROVIDER_READS[0], **bearer(other_provider_token)).status_code == 200


def test_token_is_stored_hashed_with_a_visible_prefix(area, provider_token):
    token = ApiToken.objects.get(organiser=area["ours"])
    assert provider_token not in (token.token_hash, token.prefix)
    assert provider_token.startswith(token.prefix) and len(token.prefix) == 12
