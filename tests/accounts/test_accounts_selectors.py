"""What accounts tells the apps above it about who works where: a desk's workers (the owners a task may get) and a
provider's staff (who gets the mails about a location)."""

import pytest

from loket.accounts.choices import Role
from loket.accounts.selectors import desk_workers, provider_staff_of
from loket.testing.factories import make_desk, make_location, make_organiser, make_user

pytestmark = pytest.mark.django_db


def test_a_desks_workers_are_its_active_workers_and_administrators():
    desk, other = make_desk(), make_desk()
    worker = make_user(Role.DESK_WORKER, desk=desk)
    admin = make_user(Role.DESK_ADMIN, desk=desk)
    make_user(Role.POLICY_VIEWER, desk=desk)  # reads figures, follows up no family
    make_user(Role.DESK_WORKER, desk=other)
    gone = make_user(Role.DESK_WORKER, desk=desk)
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    assert set(desk_workers(desk_id=desk.pk)) == {worker, admin}


def test_a_person_with_two_roles_at_the_desk_is_listed_once():
    desk = make_desk()
    worker = make_user(Role.DESK_WORKER, desk=desk)
    worker.roles.create(role=Role.DESK_ADMIN, desk=desk)

    assert list(desk_workers(desk_id=desk.pk)) == [worker]


def test_a_locations_provider_staff_are_the_organisers_and_that_locations_own():
    organiser, other_organiser = make_organiser(), make_organiser()
    here, elsewhere = make_location(organiser=organiser), make_location(organiser=organiser)
    whole_organiser = make_user(Role.PROVIDER_STAFF, organiser=organiser)
    this_location = make_user(Role.PROVIDER_STAFF, organiser=organiser, location=here)
    make_user(Role.PROVIDER_STAFF, organiser=organiser, location=elsewhere)
    make_user(Role.PROVIDER_STAFF, organiser=other_organiser)
    gone = make_user(Role.PROVIDER_STAFF, organiser=organiser)
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    staff = provider_staff_of(organiser_id=organiser.pk, location_ids=[here.pk])

    assert set(staff) == {whole_organiser, this_location}
