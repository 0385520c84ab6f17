"""A role sees only its own desk's or organiser's data: in selectors, pages and the management screens."""

import pytest

from loket.accounts.choices import Role
from loket.accounts.policies import scope_of
from loket.demand.selectors import requests_visible_to
from loket.supply.selectors import locations_managed_by
from loket.testing.factories import (
    DEFAULT_PASSWORD,
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_organiser,
    make_request,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_desks():
    desk_a, desk_b = make_desk(name="Loket A"), make_desk(name="Loket B")
    loc_a = make_location(municipality=make_municipality(desk_a), name="Crèche Aster")
    loc_b = make_location(municipality=make_municipality(desk_b), name="Crèche Berk")
    req_a = make_request(make_family(desk_a), locations=[loc_a])
    req_b = make_request(make_family(desk_b), locations=[loc_b])
    return desk_a, desk_b, loc_a, loc_b, req_a, req_b


def test_desk_worker_sees_only_their_desks_requests(two_desks):
    desk_a, _, _, _, req_a, req_b = two_desks
    worker = make_user(Role.DESK_WORKER, desk=desk_a)
    visible = set(requests_visible_to(scope_of(worker)))
    assert req_a in visible and req_b not in visible


def test_parent_sees_only_their_own_family(two_desks):
    desk_a, _, loc_a, _, req_a, _ = two_desks
    parent = make_user()
    own = make_request(make_family(desk_a, user=parent), locations=[loc_a])
    assert list(requests_visible_to(scope_of(parent))) == [own]
    assert req_a not in requests_visible_to(scope_of(parent))


def test_provider_staff_manage_only_their_organisers_locations(two_desks):
    _, _, loc_a, _, _, _ = two_desks
    staff = make_user(Role.PROVIDER_STAFF, organiser=loc_a.organiser)
    assert list(locations_managed_by(scope_of(staff))) == [loc_a]
    assert list(requests_visible_to(scope_of(staff))) == []


def test_provider_staff_limited_to_one_location():
    organiser = make_organiser()
    one, other = make_location(organiser=organiser), make_location(organiser=organiser)
    staff = make_user(Role.PROVIDER_STAFF, organiser=organiser, location=one)
    assert list(locations_managed_by(scope_of(staff))) == [one]
    assert other not in locations_managed_by(scope_of(staff))


def test_people_without_a_role_see_nothing(two_desks):
    nobody = make_user()
    assert not requests_visible_to(scope_of(nobody)).exists()
    assert not locations_managed_by(scope_of(nobody)).exists()


def test_desk_home_shows_only_the_own_desk(client, two_desks):
    desk_a, _, _, _, req_a, req_b = two_desks
    worker = make_user(Role.DESK_WORKER, desk=desk_a)
    client.login(username=worker.email, password=DEFAULT_PASSWORD)
    page = client.get("/loket/").content.decode()
    assert "Loket A" in page and "Loket B" not in page
    assert req_a.child.family.reference in page
    assert req_b.child.family.reference not in page


def test_provider_home_lists_only_own_locations(client, two_desks):
    _, _, loc_a, loc_b, _, _ = two_desks
    staff = make_user(Role.PROVIDER_STAFF, organiser=loc_a.organiser)
    client.login(username=staff.email, password=DEFAULT_PASSWORD)
    page = client.get("/aanbieder/").content.decode()
    assert loc_a.name in page and loc_b.name not in page


@pytest.mark.parametrize(
    ("role", "scope_key", "path", "status"),
    [
        (Role.PROVIDER_STAFF, "organiser", "/loket/", 403),
        (Role.DESK_WORKER, "desk", "/aanbieder/", 403),
        (Role.DESK_WORKER, "desk", "/gezin/", 403),
        (Role.PARTNER_ADVISER, "partner", "/loket/", 403),
        (Role.POLICY_VIEWER, "desk", "/cijfers/", 200),
        (Role.POLICY_VIEWER, "desk", "/loket/", 403),
        (Role.SUPPORT_AGENT, None, "/ondersteuning/", 200),
        (Role.SUPPORT_AGENT, None, "/loket/", 403),
    ],
)
def test_role_pages_refuse_other_roles(client, role, scope_key, path, status):
    from loket.testing.factories import make_partner

    scope_objects = {"desk": make_desk, "organiser": make_organiser, "partner": make_partner}
    user = make_user(role, **({scope_key: scope_objects[scope_key]()} if scope_key else {}))
    client.login(username=user.email, password=DEFAULT_PASSWORD)
    assert client.get(path).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/loket/")
    assert response.status_code == 302
    assert response.url.startswith("/account/aanmelden/")


def test_management_screens_are_scoped_like_the_rest(client, two_desks):
    desk_a, _, _, _, req_a, req_b = two_desks
    worker = make_user(Role.DESK_WORKER, desk=desk_a)
    client.login(username=worker.email, password=DEFAULT_PASSWORD)
    listing = client.get("/beheer/demand/childcarerequest/")
    assert listing.status_code == 200
    assert req_a.child.family.reference in listing.content.decode()
    assert req_b.child.family.reference not in listing.content.decode()
    # A swapped id answers like a missing object: the admin redirects away with a "does not exist" message.
    foreign = client.get(f"/beheer/demand/childcarerequest/{req_b.pk}/change/", follow=True)
    assert req_b.child.family.reference not in foreign.content.decode()


def test_management_screens_refuse_parents_and_partners(client):
    from loket.testing.factories import make_partner

    partner = make_user(Role.PARTNER_ADVISER, partner=make_partner(), is_staff=True)
    client.login(username=partner.email, password=DEFAULT_PASSWORD)
    assert client.get("/beheer/").status_code == 302  # to the admin's own sign-in page


def test_viewing_a_request_in_the_management_screens_is_audited(client, two_desks):
    from loket.audit.models import AuditEvent

    desk_a, _, _, _, req_a, _ = two_desks
    worker = make_user(Role.DESK_WORKER, desk=desk_a)
    client.login(username=worker.email, password=DEFAULT_PASSWORD)
    assert client.get(f"/beheer/demand/childcarerequest/{req_a.pk}/change/").status_code == 200
    event = AuditEvent.objects.get(event="request.viewed", object_id=str(req_a.pk))
    assert event.actor == worker and event.family_id == req_a.child.family_id
