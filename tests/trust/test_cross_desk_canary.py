"""Unique strings planted in desk B's families never appear in any page, search, report or export seen from desk A."""

import pytest

from loket.accounts.access_matrix import endpoints
from loket.accounts.choices import Role
from loket.demand.models import Child, Guardian
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_request,
    make_user,
)

CANARIES = ("Zwxqcanary", "Kjvqcanary", "canary-qzx@example.org", "+32 470 99 88 77")
GET_PAGES = [e for e in endpoints() if e.action and not e.has_parameters]


@pytest.fixture
def desks(db):
    desk_a, desk_b = make_desk(name="Loket A"), make_desk(name="Loket B")
    location_a = make_location(municipality=make_municipality(desk_a))
    location_b = make_location(municipality=make_municipality(desk_b))
    make_request(make_family(desk_a), locations=[location_a])
    planted = make_request(
        make_family(desk_b),
        locations=[location_b],
        first_name=CANARIES[0],
        low_income=True,
        work=True,
    )
    Guardian.objects.filter(family=planted.child.family).update(
        first_name=CANARIES[1], email=CANARIES[2], phone=CANARIES[3]
    )
    Child.objects.filter(pk=planted.child.pk).update(first_name=CANARIES[0])
    viewers = [
        make_user(Role.DESK_WORKER, desk=desk_a),
        make_user(Role.DESK_ADMIN, desk=desk_a),
        make_user(Role.POLICY_VIEWER, desk=desk_a),
        make_user(Role.PROVIDER_STAFF, organiser=location_a.organiser),
    ]
    return viewers, planted


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", GET_PAGES, ids=lambda e: e.route)
def test_desk_b_data_never_shows_from_desk_a(client, desks, endpoint):
    viewers, planted = desks
    secret_strings = (*CANARIES, planted.child.family.reference)
    for viewer in viewers:
        client.force_login(viewer)
        for query in ("", f"?q={CANARIES[0]}", f"?q={planted.child.family.reference}", "?format=csv"):
            response = client.get(endpoint.route + query)
            body = response.content.decode(errors="replace") if response.status_code == 200 else ""
            # A page may echo what the viewer typed (search box, language switch); everything else must be absent.
            for secret in (s for s in secret_strings if s not in query):
                assert secret not in body, (endpoint.route + query, viewer.email, secret)


@pytest.mark.django_db
def test_the_canary_is_visible_to_desk_b_itself(client, desks):
    _, planted = desks
    worker_b = make_user(Role.DESK_WORKER, desk=planted.desk)
    client.force_login(worker_b)
    assert planted.child.family.reference in client.get("/loket/").content.decode()
