"""The access matrix, generated from the URL configuration: every endpoint, every role, in and out of scope."""

import re

import pytest
from django.urls import reverse

from loket.accounts.access_matrix import PUBLIC, endpoints
from loket.accounts.choices import Role
from loket.accounts.policies import PARENT, PERMISSIONS
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_organiser,
    make_partner,
    make_request,
    make_user,
)

ALL_ENDPOINTS = endpoints()


def test_every_endpoint_declares_its_action_or_is_public():
    undeclared = [e.route for e in ALL_ENDPOINTS if e.action is None and e.name not in PUBLIC]
    assert undeclared == [], "declare an action with @allowed_to(...) or list the endpoint in PUBLIC"


def test_every_declared_action_is_in_the_policy_table():
    unknown = sorted({e.action for e in ALL_ENDPOINTS if e.action and e.action not in PERMISSIONS})
    assert unknown == []


ROLES = [
    "anonymous",
    PARENT,
    Role.DESK_WORKER,
    Role.DESK_ADMIN,
    Role.PROVIDER_STAFF,
    Role.PARTNER_ADVISER,
    Role.SUPPORT_AGENT,
    Role.POLICY_VIEWER,
]


@pytest.fixture
def people(db):
    desk = make_desk()
    location = make_location(organiser=make_organiser(), municipality=make_municipality(desk))
    partner = make_partner(desk)
    parent = make_user()
    make_request(make_family(desk, user=parent), locations=[location])
    return {
        PARENT: parent,
        Role.DESK_WORKER: make_user(Role.DESK_WORKER, desk=desk),
        Role.DESK_ADMIN: make_user(Role.DESK_ADMIN, desk=desk),
        Role.PROVIDER_STAFF: make_user(Role.PROVIDER_STAFF, organiser=location.organiser),
        Role.PARTNER_ADVISER: make_user(Role.PARTNER_ADVISER, partner=partner),
        Role.SUPPORT_AGENT: make_user(Role.SUPPORT_AGENT),
        Role.POLICY_VIEWER: make_user(Role.POLICY_VIEWER, desk=desk),
    }


GUARDED_WITHOUT_PARAMETERS = [e for e in ALL_ENDPOINTS if e.action and not e.has_parameters]


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", GUARDED_WITHOUT_PARAMETERS, ids=lambda e: e.route)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_policy_table_says(client, people, endpoint, role):
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(endpoint.route)
    if response.status_code == 405:  # a form target: ask the way the form does
        response = client.post(endpoint.route, {})
    if role == "anonymous":
        assert response.status_code in (302, 401, 403), endpoint.route
        if response.status_code == 302:
            # Parents sign in with a link by e-mail first; everybody else with a password.
            sign_in = "/gezin/aanmelden/" if endpoint.action.startswith("family.") else "/account/aanmelden/"
            assert sign_in in response.url
        return
    allowed = role in PERMISSIONS[endpoint.action]
    if allowed:
        assert response.status_code in (200, 302), (endpoint.route, role, response.status_code)
    else:
        assert response.status_code in (403, 404), (endpoint.route, role, response.status_code)


def test_the_matrix_covers_the_role_home_pages():
    routes = {e.route for e in GUARDED_WITHOUT_PARAMETERS}
    for name in ("portal:desk_home", "portal:provider_home", "portal:family_home", "portal:policy_home"):
        assert reverse(name) in routes
    assert all(re.match(r"^/", r) for r in routes)
