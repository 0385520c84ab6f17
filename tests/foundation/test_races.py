"""Two people acting on the same case at the same moment: exactly one wins, on SQLite and on PostgreSQL."""

import contextlib
import threading
from itertools import pairwise

import pytest
from django.db import close_old_connections, connection

from loket.demand.lifecycle import IllegalTransition, Status
from loket.demand.models import ChildcareRequest, StatusChange
from loket.demand.services import request_change_status
from loket.testing.factories import make_request

pytestmark = pytest.mark.django_db(transaction=True)


def _race(n_threads: int, action) -> list[object]:
    barrier = threading.Barrier(n_threads)
    outcomes: list[object] = []
    lock = threading.Lock()

    def run():
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            result = action()
        except Exception as error:  # the outcome of each contender is what the test looks at
            result = error
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_workers_offering_the_same_request_at_once_exactly_one_wins():
    request = make_request()

    def offer():
        fresh = ChildcareRequest.objects.get(pk=request.pk)
        return request_change_status(request=fresh, to=Status.OFFERED, reason="race")

    outcomes = _race(4, offer)
    wins = [o for o in outcomes if isinstance(o, ChildcareRequest)]
    refusals = [o for o in outcomes if isinstance(o, IllegalTransition)]
    assert len(wins) == 1, outcomes
    assert len(refusals) == 3, outcomes
    assert StatusChange.objects.filter(request=request, to_status=Status.OFFERED).count() == 1


def test_withdraw_and_offer_at_once_leave_a_consistent_history():
    request = make_request()
    targets = iter([Status.WITHDRAWN, Status.OFFERED])
    lock = threading.Lock()

    def act():
        with lock:
            target = next(targets)
        fresh = ChildcareRequest.objects.get(pk=request.pk)
        return request_change_status(request=fresh, to=target)

    _race(2, act)
    request.refresh_from_db()
    history = list(
        StatusChange.objects.filter(request=request)
        .order_by("at", "pk")
        .values_list("from_status", "to_status")
    )
    # Each change starts from the status the previous one left: no lost update.
    for (_, previous_to), (next_from, _) in pairwise(history):
        assert next_from == previous_to
    assert history[-1][1] == request.status


def test_two_workers_giving_the_last_urgent_place_to_two_families_exactly_one_wins(monkeypatch):
    from django.core.exceptions import ValidationError

    from loket.accounts.choices import Role
    from loket.allocation import selectors
    from loket.allocation.models import Offer
    from loket.allocation.offers import urgent_assign
    from loket.testing.factories import make_family, make_location, make_opening, make_user

    # Widen the window: a contender that has counted the free places waits (up to 2 s) for the other to count
    # too. Without a lock both would count the place as free and both would take it.
    counted = threading.Barrier(2)
    count_places = selectors.places_taken

    def places_taken_then_wait(opening_ids):
        taken = count_places(opening_ids)
        with contextlib.suppress(threading.BrokenBarrierError):
            counted.wait(timeout=2)
        return taken

    monkeypatch.setattr(selectors, "places_taken", places_taken_then_wait)

    location = make_location()
    desk = location.municipality.desk
    last_place = make_opening(location, count=1, urgent_only=True)
    requests = [make_request(make_family(desk), locations=[location]) for _ in range(2)]
    ChildcareRequest.objects.filter(pk__in=[r.pk for r in requests]).update(urgent=True)
    workers = [make_user(Role.DESK_WORKER, desk=desk) for _ in range(2)]
    contenders = iter(zip(requests, workers, strict=True))
    lock = threading.Lock()

    def assign():
        with lock:
            request, worker = next(contenders)
        fresh = ChildcareRequest.objects.get(pk=request.pk)
        return urgent_assign(request=fresh, opening=last_place, actor=worker, reason="crisis")

    outcomes = _race(2, assign)
    assert len([o for o in outcomes if isinstance(o, Offer)]) == 1, outcomes
    assert len([o for o in outcomes if isinstance(o, ValidationError)]) == 1, outcomes
    assert Offer.objects.filter(opening=last_place).count() == 1
    assert (
        ChildcareRequest.objects.filter(pk__in=[r.pk for r in requests], status=Status.OFFERED).count() == 1
    )
