"""Small builders for tests: each makes a valid object with sensible defaults; pass what the test is about."""

import itertools
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment, User
from loket.areas.models import Desk, Municipality, Neighbourhood, Postcode, Province
from loket.core import weekdays
from loket.demand.models import Child, ChildcareRequest, Family, Guardian
from loket.demand.services import NewRequest, request_register
from loket.network.choices import PartnerKind
from loket.network.models import Partner
from loket.supply.choices import TariffRegime
from loket.supply.models import CareType, LegalForm, Location, Opening, Organiser, SubsidyStep

_seq = itertools.count(1)
DEFAULT_PASSWORD = "correct-horse-battery-9"  # noqa: S105 - test accounts only


def make_desk(**kw) -> Desk:
    n = next(_seq)
    kw.setdefault("name", f"Loket {n}")
    kw.setdefault("slug", f"loket-{n}")
    kw.setdefault("email", f"loket{n}@example.org")
    return Desk.objects.create(**kw)


def make_municipality(desk: Desk | None = None, **kw) -> Municipality:
    n = next(_seq)
    kw.setdefault("name", f"Gemeente {n}")
    kw.setdefault("nis_code", f"{40000 + n}")
    kw.setdefault("province", Province.EAST_FLANDERS)
    return Municipality.objects.create(desk=desk or make_desk(), **kw)


def make_neighbourhood(municipality: Municipality | None = None, **kw) -> Neighbourhood:
    n = next(_seq)
    kw.setdefault("name", f"Wijk {n}")
    kw.setdefault("code", f"W{n}")
    return Neighbourhood.objects.create(municipality=municipality or make_municipality(), **kw)


def make_postcode(municipality: Municipality | None = None, **kw) -> Postcode:
    n = next(_seq)
    kw.setdefault("code", f"{9000 + n % 999}")
    kw.setdefault("place", f"Plaats {n}")
    kw.setdefault("latitude", Decimal("51.00000"))
    kw.setdefault("longitude", Decimal("3.70000"))
    return Postcode.objects.create(municipality=municipality or make_municipality(), **kw)


def make_organiser(**kw) -> Organiser:
    n = next(_seq)
    kw.setdefault("name", f"Organisator {n}")
    kw.setdefault("legal_form", LegalForm.NON_PROFIT)
    kw.setdefault("email", f"org{n}@example.org")
    return Organiser.objects.create(**kw)


def make_location(
    organiser: Organiser | None = None, municipality: Municipality | None = None, **kw
) -> Location:
    n = next(_seq)
    municipality = municipality or (kw["postcode"].municipality if "postcode" in kw else make_municipality())
    postcode = kw.pop("postcode", None) or make_postcode(municipality)
    kw.setdefault("name", f"Kinderdagverblijf {n}")
    kw.setdefault("care_type", CareType.GROUP)
    kw.setdefault("street", f"Schoolstraat {n}")
    kw.setdefault("latitude", postcode.latitude)
    kw.setdefault("longitude", postcode.longitude)
    kw.setdefault("licensed_capacity", 18)
    kw.setdefault("opens_at", time(7, 0))
    kw.setdefault("closes_at", time(18, 30))
    kw.setdefault("tariff_regime", TariffRegime.INCOME)
    kw.setdefault("subsidy_step", SubsidyStep.STEP_2B)
    return Location.objects.create(
        organiser=organiser or make_organiser(), municipality=municipality, postcode=postcode, **kw
    )


def make_opening(location: Location | None = None, **kw) -> Opening:
    location = location or make_location()
    kw.setdefault("tariff", location.tariffs[0])
    kw.setdefault("start_month", date(2027, 3, 1))
    kw.setdefault("weekdays_mask", weekdays.to_mask(weekdays.WORKING_WEEK))
    kw.setdefault("count", 1)
    kw.setdefault("confirmed_at", timezone.now())
    return Opening.objects.create(location=location, **kw)


def make_partner(desk: Desk | None = None, **kw) -> Partner:
    n = next(_seq)
    kw.setdefault("name", f"Partner {n}")
    kw.setdefault("kind", PartnerKind.SOCIAL_SERVICES)
    partner = Partner.objects.create(**kw)
    if desk is not None:
        partner.desks.add(desk)
    return partner


def make_user(role: str | None = None, *, password: str = DEFAULT_PASSWORD, **scope) -> User:
    """A person, optionally with one role in the given scope (desk=…, organiser=…, location=…, partner=…)."""
    n = next(_seq)
    email = scope.pop("email", f"person{n}@example.org")
    is_staff = scope.pop("is_staff", role not in (None, Role.PARTNER_ADVISER, Role.POLICY_VIEWER))
    user = User.objects.create_user(
        email=email, password=password, full_name=f"Person {n}", is_staff=is_staff
    )
    if role is not None:
        RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


def make_family(desk: Desk | None = None, *, user: User | None = None, **kw) -> Family:
    family = Family.objects.create(desk=desk or make_desk(), **kw)
    n = next(_seq)
    Guardian.objects.create(
        family=family, user=user, first_name="Ouder", last_name=f"Nummer {n}", email=f"ouder{n}@example.org"
    )
    return family


def make_request(
    family: Family | None = None,
    *,
    locations: list[Location] | None = None,
    birth_date: date | None = date(2026, 9, 1),
    registered_at: datetime | None = None,
    **facts,
) -> ChildcareRequest:
    family = family or make_family()
    child = Child.objects.create(
        family=family,
        first_name=facts.pop("first_name", "Kind"),
        birth_date=birth_date,
        due_date=None if birth_date else date(2027, 1, 1),
    )
    locations = (
        locations if locations is not None else [make_location(municipality=make_municipality(family.desk))]
    )
    data = NewRequest(
        start_earliest=facts.pop("start_earliest", date(2027, 2, 1)),
        start_latest=facts.pop("start_latest", date(2027, 6, 1)),
        weekdays=facts.pop("weekdays", (1, 2, 4)),
        location_ids=[location.pk for location in locations],
        **facts,
    )
    return request_register(family=family, child=child, data=data, consent_version="test-1", at=registered_at)
