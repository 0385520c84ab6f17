"""Fixtures for the casework tests: two desks with families, a partner per desk, staff of each."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from loket.accounts.choices import Role
from loket.network.choices import Need
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_municipality,
    make_partner,
    make_request,
    make_user,
)


class World:
    pass


@pytest.fixture
def world(db):
    w = World()
    w.desk_a, w.desk_b = make_desk(name="Loket A"), make_desk(name="Loket B")
    w.location_a = make_location(municipality=make_municipality(w.desk_a))
    w.location_b = make_location(municipality=make_municipality(w.desk_b))
    w.partner_a = make_partner(w.desk_a, name="Sociaal Huis A")
    w.partner_a.need_codes = [Need.FINANCIAL, Need.PARENTING]
    w.partner_a.save()
    w.partner_a2 = make_partner(w.desk_a, name="Taalpunt A")
    w.partner_b = make_partner(w.desk_b, name="Sociaal Huis B")
    w.worker_a = make_user(Role.DESK_WORKER, desk=w.desk_a)
    w.worker_b = make_user(Role.DESK_WORKER, desk=w.desk_b)
    w.adviser_a = make_user(Role.PARTNER_ADVISER, partner=w.partner_a)
    w.adviser_a2 = make_user(Role.PARTNER_ADVISER, partner=w.partner_a2)
    w.family_a = make_family(w.desk_a)
    w.request_a = make_request(w.family_a, locations=[w.location_a], first_name="Amira")
    w.family_b = make_family(w.desk_b)
    w.request_b = make_request(w.family_b, locations=[w.location_b], first_name="Bjorn")
    return w


def months_ahead(n: int) -> date:
    today = timezone.localdate()
    first = today.replace(day=1)
    return (first + timedelta(days=32 * n)).replace(day=1)


def request_at(desk_location, family, **kw):
    return make_request(family, locations=[desk_location], **kw)
