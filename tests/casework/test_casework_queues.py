"""The desk worker's queues: who is in which queue, in what order, and the counts on the desk home."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import months_ahead
from loket.allocation.models import Offer
from loket.casework import services
from loket.casework.selectors import queue_requests
from loket.demand.lifecycle import Status
from loket.demand.services import request_change_status, request_set_urgency
from loket.testing.factories import make_family, make_opening, make_request

pytestmark = pytest.mark.django_db


def _ids(desk, slug):
    return [r.pk for r in queue_requests(desk=desk, slug=slug)]


def _new(world, **kw):
    return make_request(make_family(world.desk_a), locations=[world.location_a], **kw)


def test_urgent_queue_puts_the_waiting_request_with_the_nearest_start_first(world):
    later = _new(world, start_earliest=months_ahead(8), start_latest=months_ahead(9))
    sooner = _new(world, start_earliest=months_ahead(1), start_latest=months_ahead(2))
    offered = _new(world, start_earliest=months_ahead(1), start_latest=months_ahead(2))
    for r in (later, sooner, offered):
        request_set_urgency(request=r, urgent=True, reason="Moeder start met werk", actor=world.worker_a)
    request_change_status(request=offered, to=Status.OFFERED, actor=world.worker_a)
    assert _ids(world.desk_a, "urgent") == [sooner.pk, later.pk, offered.pk]
    assert world.request_a.pk not in _ids(world.desk_a, "urgent")  # not urgent
    request_set_urgency(request=sooner, urgent=False, reason="Opgelost", actor=world.worker_a)
    assert sooner.pk not in _ids(world.desk_a, "urgent")


def test_vulnerable_families_without_an_offer_after_the_desks_term(world):
    now = timezone.now()
    old = _new(world, low_income=True, single_parent=True, registered_at=now - timedelta(weeks=7))
    recent = _new(world, low_income=True, single_parent=True, registered_at=now - timedelta(weeks=2))
    not_vulnerable = _new(world, work=True, registered_at=now - timedelta(weeks=10))
    offered_once = _new(world, low_income=True, no_diploma=True, registered_at=now - timedelta(weeks=9))
    request_change_status(request=offered_once, to=Status.OFFERED)
    request_change_status(request=offered_once, to=Status.REGISTERED)
    assert _ids(world.desk_a, "vulnerable") == [old.pk]
    world.desk_a.followup_after_weeks = 1
    world.desk_a.save()
    assert _ids(world.desk_a, "vulnerable") == [old.pk, recent.pk]
    assert not_vulnerable.pk not in _ids(world.desk_a, "vulnerable")


def test_desired_start_near_without_an_offer(world):
    near = _new(world, start_earliest=months_ahead(1), start_latest=months_ahead(3))
    far = _new(world, start_earliest=months_ahead(6), start_latest=months_ahead(8))
    assert near.pk in _ids(world.desk_a, "start-near")
    assert far.pk not in _ids(world.desk_a, "start-near")
    request_change_status(request=near, to=Status.OFFERED)
    assert near.pk not in _ids(world.desk_a, "start-near")


def test_new_requests_leave_the_queue_once_checked_or_confirmed(world):
    other = _new(world, low_income=True)
    assert _ids(world.desk_a, "new") == [world.request_a.pk, other.pk]
    services.request_mark_checked(request=world.request_a, actor=world.worker_a)
    services.request_confirm_facts(
        request=other,
        facts={"low_income": True},
        proof_seen="Aanslagbiljet aan de balie",
        actor=world.worker_a,
    )
    assert _ids(world.desk_a, "new") == []


def test_requests_to_reconfirm(world):
    stale = _new(world, registered_at=timezone.now() - timedelta(days=120))
    assert stale.pk in _ids(world.desk_a, "reconfirm")
    assert world.request_a.pk not in _ids(world.desk_a, "reconfirm")
    services.request_confirm_still_looking(request=stale, actor=world.worker_a)
    assert stale.pk not in _ids(world.desk_a, "reconfirm")


def test_a_family_that_tells_the_desk_it_still_looks_is_not_reminded_or_expired(world):
    """Demand's service answers the pending "are you still looking?" question, also when the family answers the desk
    by phone: the reminder and the expiry of silent requests pass it by."""
    from loket.demand.models import ChildcareRequest
    from loket.families.services import reconfirmations_run

    asked = timezone.now() - timedelta(days=60)
    stale = _new(world, registered_at=timezone.now() - timedelta(days=400))
    ChildcareRequest.objects.filter(pk=stale.pk).update(reconfirm_asked_at=asked, reconfirm_reminded_at=asked)
    stale.refresh_from_db()
    services.request_confirm_still_looking(request=stale, actor=world.worker_a)
    stale.refresh_from_db()
    assert (stale.reconfirm_asked_at, stale.reconfirm_reminded_at) == (None, None)
    reconfirmations_run()
    stale.refresh_from_db()
    assert stale.status == Status.REGISTERED


def test_offers_about_to_expire_unanswered(world):
    opening = make_opening(world.location_a)
    now = timezone.now()
    soon, later = _new(world), _new(world)
    for r, deadline in ((soon, now + timedelta(days=1)), (later, now + timedelta(days=9))):
        request_change_status(request=r, to=Status.OFFERED)
        Offer.objects.create(
            request=r, opening=opening, location=world.location_a, made_at=now, deadline=deadline
        )
    assert _ids(world.desk_a, "expiring") == [soon.pk]


def test_the_desk_home_shows_each_queue_with_its_count(client, world):
    request_set_urgency(request=world.request_a, urgent=True, reason="Dringend", actor=world.worker_a)
    client.force_login(world.worker_a)
    body = client.get("/loket/").content.decode()
    assert "/loket/opvolging/urgent/" in body
    queue_page = client.get(f"/loket/opvolging/urgent/?desk={world.desk_a.pk}").content.decode()
    assert world.family_a.reference in queue_page
    # another desk's id in the query string falls back to the worker's own desk
    other = client.get(f"/loket/opvolging/urgent/?desk={world.desk_b.pk}").content.decode()
    assert world.family_b.reference not in other
    assert world.family_a.reference in other
    assert client.get("/loket/opvolging/onbekend/").status_code == 404


def test_the_duplicates_queue_holds_the_open_requests_that_look_like_another(world):
    """The queue (one query over the desk) and the case's `possible_duplicates` (one request) agree: the same
    national-number hash, or the same first name (in any case) with the same birth or due date, among open
    requests of the same desk."""
    from datetime import date

    from loket.casework.selectors import possible_duplicates

    def child_of(first_name, **kw):
        return _new(world, first_name=first_name, **kw)

    born = child_of("Noor", birth_date=date(2026, 3, 4))
    born_again = child_of("NOOR", birth_date=date(2026, 3, 4))
    other_day = child_of("Noor", birth_date=date(2026, 3, 5))
    expected = child_of("Mila", birth_date=None)  # due 2027-01-01
    expected_again = child_of("mila", birth_date=None)
    same_number, same_number_again = child_of("Amir"), child_of("Yusuf")
    for request in (same_number, same_number_again):
        request.child.national_number_hash = "hash-of-one-child"
        request.child.save(update_fields=["national_number_hash"])
    elsewhere = make_request(make_family(world.desk_b), first_name="Noor", birth_date=date(2026, 3, 5))
    closed = child_of("Lina", birth_date=date(2026, 1, 1))
    closed_again = child_of("Lina", birth_date=date(2026, 1, 1))
    request_change_status(request=closed_again, to=Status.WITHDRAWN)
    lonely = child_of("Jonas", birth_date=date(2026, 2, 2))

    queue = set(_ids(world.desk_a, "duplicates"))
    assert {
        born.pk,
        born_again.pk,
        expected.pk,
        expected_again.pk,
        same_number.pk,
        same_number_again.pk,
    } <= queue
    assert not {other_day.pk, elsewhere.pk, closed.pk, closed_again.pk, lonely.pk} & queue
    for request in (born, other_day, expected, same_number, closed, lonely):
        assert (request.pk in queue) == possible_duplicates(request=request).exists(), (
            request.child.first_name
        )


def test_a_worker_of_several_desks_sees_one_desk_at_a_time_in_as_many_queries(client, world):
    """The desk home and the queues read one desk's figures (the one chosen, else the first by name), so a person
    working for many desks costs no more queries than one working for two (316 queries for 22 desks before); the
    task list reads every desk's open tasks at once (50 queries for 22 desks before)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from loket.accounts.models import Role, RoleAssignment
    from loket.testing.factories import make_desk, make_user

    worker = make_user(Role.DESK_WORKER, desk=world.desk_a)
    RoleAssignment.objects.create(user=worker, role=Role.DESK_WORKER, desk=world.desk_b)
    client.force_login(worker)

    def counts() -> list[int]:
        out = []
        for url in ("/loket/", "/loket/opvolging/", f"/loket/?desk={world.desk_b.pk}", "/loket/taken/"):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            out.append(len(queries))
        return out

    two = counts()
    for n in range(5):
        RoleAssignment.objects.create(user=worker, role=Role.DESK_WORKER, desk=make_desk(name=f"Loket Z{n}"))
    assert counts() == two
    home = client.get(f"/loket/?desk={world.desk_b.pk}")
    assert [o["desk"] for o in home.context["overviews"]] == [world.desk_b]
    assert 'name="desk"' in home.content.decode()
    queues = client.get(f"/loket/opvolging/?desk={world.desk_b.pk}")
    assert queues.context["desk"] == world.desk_b
    assert client.get("/loket/opvolging/").context["desk"] == world.desk_a  # "Loket A" comes first by name
