import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from loket.audit.models import AuditEvent
from loket.demand.lifecycle import TRANSITIONS, IllegalTransition, Status, check_transition
from loket.demand.models import Choice, StatusChange
from loket.demand.services import request_change_status, request_set_choices
from loket.testing.factories import make_desk, make_location, make_municipality, make_request, make_user

pytestmark = pytest.mark.django_db


def test_every_status_has_its_transitions_declared():
    assert set(TRANSITIONS) == set(Status.values)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.REGISTERED, Status.ACCEPTED),
        (Status.REGISTERED, Status.DECLINED),
        (Status.PLACED, Status.REGISTERED),
        (Status.WITHDRAWN, Status.REGISTERED),
        (Status.OFFERED, Status.PLACED),
    ],
)
def test_illegal_moves_are_refused_with_a_clear_message(current, target):
    with pytest.raises(IllegalTransition) as refused:
        check_transition(current, target)
    message = str(refused.value)
    assert str(Status(current).label) in message
    assert str(Status(target).label) in message


def test_status_change_records_who_when_why_and_audits():
    worker = make_user("desk_worker", desk=make_desk())
    request = make_request()
    request_change_status(request=request, to=Status.OFFERED, actor=worker, reason="Plaats vrij in maart")
    request_change_status(request=request, to=Status.DECLINED, actor=worker, reason="Te ver")
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    changes = list(
        StatusChange.objects.filter(request=request).values_list("from_status", "to_status", "by", "reason")
    )
    assert changes == [
        ("", Status.REGISTERED, None, ""),
        (Status.REGISTERED, Status.OFFERED, worker.pk, "Plaats vrij in maart"),
        (Status.OFFERED, Status.DECLINED, worker.pk, "Te ver"),
    ]
    events = AuditEvent.objects.filter(event="request.status_changed", object_id=str(request.pk))
    assert events.count() == 2
    assert events.first().family_id == request.child.family_id


def test_an_illegal_move_changes_nothing():
    request = make_request()
    with pytest.raises(IllegalTransition):
        request_change_status(request=request, to=Status.ACCEPTED)
    request.refresh_from_db()
    assert request.status == Status.REGISTERED
    assert StatusChange.objects.filter(request=request).count() == 1


def test_closing_sets_and_reopening_clears_closed_at():
    request = make_request()
    request_change_status(request=request, to=Status.EXPIRED)
    request.refresh_from_db()
    assert request.closed_at is not None
    request_change_status(request=request, to=Status.REGISTERED, reason="Gezin zoekt toch nog")
    request.refresh_from_db()
    assert request.closed_at is None


def test_choices_are_ranked_in_order_and_changing_them_keeps_the_registration_date():
    desk = make_desk(max_choices=3)
    municipality = make_municipality(desk)
    a, b, c = (make_location(municipality=municipality) for _ in range(3))
    request = make_request(locations=[a, b])
    registered_at = request.registered_at
    request_set_choices(request=request, location_ids=[c.pk, a.pk, b.pk])
    request.refresh_from_db()
    assert list(request.choices.values_list("location_id", "rank")) == [(c.pk, 1), (a.pk, 2), (b.pk, 3)]
    assert request.registered_at == registered_at


def test_choices_refuse_duplicates_too_many_and_none():
    desk = make_desk(max_choices=2)
    municipality = make_municipality(desk)
    a, b, c = (make_location(municipality=municipality) for _ in range(3))
    from loket.testing.factories import make_family

    request = make_request(make_family(desk), locations=[a])
    with pytest.raises(ValidationError, match="maar één keer"):
        request_set_choices(request=request, location_ids=[a.pk, a.pk])
    with pytest.raises(ValidationError, match="hoogstens 2"):
        request_set_choices(request=request, location_ids=[a.pk, b.pk, c.pk])
    with pytest.raises(ValidationError, match="minstens één"):
        request_set_choices(request=request, location_ids=[])
    assert list(request.choices.values_list("location_id", flat=True)) == [a.pk]


def test_the_database_refuses_a_location_chosen_twice_or_a_rank_used_twice():
    location = make_location()
    request = make_request(locations=[location])
    other = make_location()
    with pytest.raises(IntegrityError), transaction.atomic():
        Choice.objects.create(request=request, location=location, rank=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Choice.objects.create(request=request, location=other, rank=1)


def test_a_continued_request_carries_every_field_but_its_own():
    """A family that accepts a place and keeps waiting gets a new window of its request (demand's service, not a
    field-by-field copy elsewhere): everything the family said and the desk decided carries over, a field added later
    too; only the window's own status, history and confirmation start afresh."""
    from datetime import UTC, datetime

    from loket.demand.models import ChildcareRequest
    from loket.demand.services import WINDOW_OWN_FIELDS, request_continue

    worker = make_user("desk_worker", desk=make_desk())
    first, second = make_location(), make_location()
    request = make_request(locations=[first, second], work=True, low_income=True, foster=True)
    ChildcareRequest.objects.filter(pk=request.pk).update(
        urgent=True,
        urgency_reason="huis afgebrand",
        urgency_set_by=worker,
        facts_confirmed_by=worker,
        facts_proof_seen="attest aan de balie",
        reconfirm_asked_at=datetime(2026, 10, 1, tzinfo=UTC),
    )
    request.refresh_from_db()
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    window = request_continue(
        request=request, location_ids=[second.pk], actor=worker, at=at, reason="keep waiting"
    )

    for field in ChildcareRequest._meta.concrete_fields:
        if field.name not in WINDOW_OWN_FIELDS:
            assert getattr(window, field.attname) == getattr(request, field.attname), field.name
    assert window.pk != request.pk
    assert window.status == Status.REGISTERED
    assert (window.last_confirmed_at, window.reconfirm_asked_at, window.created_by) == (at, None, worker)
    assert list(window.choices.values_list("location_id", flat=True)) == [second.pk]
    assert list(window.status_changes.values_list("to_status", "reason")) == [
        (Status.REGISTERED, "keep waiting")
    ]
