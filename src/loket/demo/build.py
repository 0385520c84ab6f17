"""Builds the demo area: one desk, two municipalities, ~40 locations, ~600 requests spread over a year.

Deterministic for a given seed and reference date. The shape follows the figures in shared/domain.md: about a
third of requests without a place, about one in six from a priority group, most families needing care for work.
Writes go through bulk inserts (not the services) so a year of history gets its real timestamps; every status path
is checked against the lifecycle rules as it is generated.
"""

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment, User
from loket.areas.models import Desk, Municipality, Neighbourhood, Postcode, Province
from loket.areas.services import desk_texts_set
from loket.core import weekdays
from loket.demand.choices import Channel
from loket.demand.lifecycle import CLOSED_STATUSES, Status, check_transition
from loket.demand.models import Child, ChildcareRequest, Choice, Family, Guardian, StatusChange
from loket.demand.search import families_reindex
from loket.network.models import Partner
from loket.supply.choices import TariffRegime
from loket.supply.models import CareType, Location, Opening, Organiser, SubsidyStep

from . import places

DEMO_PASSWORD = "Loket-demo-2026"  # noqa: S105 - printed on purpose: demo accounts of a local demo area only
CONSENT_VERSION = "demo-2026-01"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    description: str


DEMO_ACCOUNTS = [
    DemoAccount("balie@loket.demo", Role.DESK_WORKER, "desk worker, Deinze-Zulte"),
    DemoAccount("beheer@loket.demo", Role.DESK_ADMIN, "desk administrator, Deinze-Zulte"),
    DemoAccount(
        "aanbieder@loket.demo", Role.PROVIDER_STAFF, "provider staff, Stad Deinze – Kinderopvang (3 centres)"
    ),
    DemoAccount("onthaalouder@loket.demo", Role.PROVIDER_STAFF, "childminder An Verhaeghe (1 location)"),
    DemoAccount("partner@loket.demo", Role.PARTNER_ADVISER, "partner adviser, Sociaal Huis Deinze (OCMW)"),
    DemoAccount("voorzet@loket.demo", Role.SUPPORT_AGENT, "support desk agent (VoorZet)"),
    DemoAccount("beleid@loket.demo", Role.POLICY_VIEWER, "policy viewer, Deinze-Zulte"),
    DemoAccount("agentschap@loket.demo", Role.POLICY_VIEWER, "regional agency (all desks, figures only)"),
    DemoAccount("ouder@loket.demo", "parent", "parent with a registered request"),
]


def month_start(d: date, add_months: int = 0) -> date:
    index = d.year * 12 + d.month - 1 + add_months
    return date(index // 12, index % 12 + 1, 1)


def distance_km(lat1, lon1, lat2, lon2) -> float:
    # Equirectangular is exact enough at the scale of two municipalities.
    x = math.radians(float(lon2) - float(lon1)) * math.cos(math.radians((float(lat1) + float(lat2)) / 2))
    y = math.radians(float(lat2) - float(lat1))
    return 6371 * math.hypot(x, y)


def demo_exists() -> bool:
    return Desk.objects.filter(slug=places.DESK["slug"]).exists()


@transaction.atomic
def build_demo_area(*, seed: int = 2026, today: date | None = None, n_requests: int = 600) -> Desk:
    rng = random.Random(seed)
    today = today or timezone.localdate()
    desk = Desk.objects.create(**places.DESK)
    for language, texts in places.DESK_TEXTS.items():
        desk_texts_set(desk=desk, actor=None, language=language, **texts)
    postcodes = _build_geography(desk)
    partners = _build_partners(desk)
    locations, organisers = _build_supply(rng, postcodes, today)
    _build_requests(rng, desk, postcodes, locations, today, n_requests)
    _build_accounts(desk, organisers, locations, partners, postcodes, today)
    return desk


def _build_geography(desk: Desk) -> dict[str, Postcode]:
    postcodes = {}
    for m in places.MUNICIPALITIES:
        municipality = Municipality.objects.create(
            name=m["name"], nis_code=m["nis_code"], province=Province.EAST_FLANDERS, desk=desk
        )
        for i, (code, place, lat, lon) in enumerate(m["places"], start=1):
            neighbourhood = Neighbourhood.objects.create(
                municipality=municipality, name=place, code=f"{code}-{i}"
            )
            postcodes[place] = Postcode.objects.create(
                code=code,
                place=place,
                municipality=municipality,
                neighbourhood=neighbourhood,
                latitude=Decimal(str(lat)),
                longitude=Decimal(str(lon)),
            )
    return postcodes


def _build_partners(desk: Desk) -> list[Partner]:
    partners = []
    for name, kind, description, languages in places.PARTNERS:
        partner = Partner.objects.create(
            name=name,
            kind=kind,
            description=description,
            languages=languages,
            email=f"info@{name.split(' ')[0].lower()}-{kind}.example",
            phone="09 380 00 00",
            opening_hours="ma–vr 9–12 u en 13–16 u",
        )
        partner.desks.add(desk)
        partners.append(partner)
    return partners


def _jitter(rng: random.Random, value: Decimal) -> Decimal:
    return (value + Decimal(str(round(rng.uniform(-0.006, 0.006), 5)))).quantize(Decimal("0.00001"))


def _build_supply(rng, postcodes, today) -> tuple[list[Location], list[Organiser]]:
    locations, organisers = [], []
    now = timezone.now()
    for name, legal_form, sites in places.GROUP_ORGANISERS:
        organiser = Organiser.objects.create(
            name=name,
            legal_form=legal_form,
            email=f"info@{_slug(name)}.example",
            phone="09 386 00 00",
            contact_name="Verantwoordelijke kinderopvang",
        )
        organisers.append(organiser)
        for site, place, capacity, regime, income_places, step, languages in sites:
            locations.append(
                _location(
                    rng,
                    organiser,
                    site,
                    postcodes[place],
                    capacity,
                    regime,
                    income_places,
                    step,
                    languages,
                    CareType.GROUP,
                )
            )
    place_names = list(postcodes)
    for i, person in enumerate(places.CHILDMINDER_NAMES):
        organiser = Organiser.objects.create(
            name=f"Onthaalouder {person}",
            legal_form="sole_trader",
            email=f"{_slug(person)}@onthaal.example",
            phone=f"0478 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            contact_name=person,
        )
        organisers.append(organiser)
        regime = "income" if i % 3 != 2 else "free"
        capacity = rng.choice([4, 5, 6, 7, 8, 8])
        place = place_names[(i * 5) % len(place_names)]
        step = "2A" if regime == "income" else "1"
        locations.append(
            _location(
                rng,
                organiser,
                f"Gezinsopvang {person}",
                postcodes[place],
                capacity,
                regime,
                0,
                step,
                "Nederlands" if i % 4 else "Nederlands, Frans",
                CareType.FAMILY,
            )
        )
    # Free places: most centres declare a few for the coming months; some childminders one.
    openings = []
    for location in locations:
        n_openings = (
            rng.choice([0, 1, 1, 2, 3]) if location.care_type == CareType.GROUP else rng.choice([0, 0, 1])
        )
        for _ in range(n_openings):
            tariff = location.tariffs[rng.randrange(len(location.tariffs))]
            age_low = rng.choice([0, 0, 3, 12])
            openings.append(
                Opening(
                    location=location,
                    tariff=tariff,
                    start_month=month_start(today, rng.randint(1, 8)),
                    weekdays_mask=location.weekdays_mask
                    if rng.random() < 0.7
                    else weekdays.to_mask((1, 2, 4)),
                    age_min_months=age_low,
                    age_max_months=36,
                    count=rng.randint(1, 3) if location.care_type == CareType.GROUP else 1,
                    confirmed_at=now - timedelta(days=rng.randint(0, 45)),
                )
            )
    Opening.objects.bulk_create(openings)
    return locations, organisers


def _location(
    rng, organiser, name, postcode, capacity, regime, income_places, step, languages, care_type
) -> Location:
    enrolled = max(0, capacity - rng.randint(0, max(1, capacity // 6)))
    opens = time(7, rng.choice([0, 0, 15, 30]))
    return Location.objects.create(
        organiser=organiser,
        name=name,
        care_type=care_type,
        street=f"{rng.choice(places.STREETS)} {rng.randint(1, 180)}",
        postcode=postcode,
        municipality=postcode.municipality,
        neighbourhood=postcode.neighbourhood,
        latitude=_jitter(rng, postcode.latitude),
        longitude=_jitter(rng, postcode.longitude),
        phone=f"09 38{rng.randint(0, 9)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        email=f"{_slug(name)}@kinderopvang.example",
        description="",
        languages=languages,
        licensed_capacity=capacity,
        age_min_months=0,
        age_max_months=36,
        weekdays_mask=weekdays.to_mask(weekdays.WORKING_WEEK),
        opens_at=opens,
        closes_at=time(18, rng.choice([0, 15, 30])),
        tariff_regime=regime,
        income_places=income_places if regime == TariffRegime.MIX else 0,
        subsidy_step=SubsidyStep(step),
        enrolled_total=enrolled,
        enrolled_reserve_eligible=round(enrolled * rng.uniform(0.08, 0.22))
        if regime != "free"
        else round(enrolled * 0.05),
        enrolled_updated_at=timezone.now(),
    )


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower().replace(" ", "-") if ch.isalnum() or ch == "-").strip("-")[:40]


def _aware(d: datetime) -> datetime:
    return timezone.make_aware(d) if timezone.is_naive(d) else d


def _status_path(rng, start: date, registered: date, today: date) -> list[str]:
    """A lifecycle a request of this age plausibly went through (each step a legal transition)."""
    started = start <= today
    roll = rng.random()
    if started:
        if roll < 0.55:
            path = [Status.OFFERED, Status.ACCEPTED, Status.PLACED]
            if rng.random() < 0.12:
                path = [Status.OFFERED, Status.DECLINED, Status.OFFERED, Status.ACCEPTED, Status.PLACED]
        elif roll < 0.63:
            path = [Status.WITHDRAWN]
        elif roll < 0.70:
            path = [Status.EXPIRED]
        elif roll < 0.74:
            path = [Status.OFFERED, Status.DECLINED]
        else:
            path = []  # still waiting, past its start: unmet demand
    elif (start - today).days < 120:
        if roll < 0.18:
            path = [Status.OFFERED, Status.ACCEPTED]
        elif roll < 0.26:
            path = [Status.OFFERED]
        elif roll < 0.30:
            path = [Status.WITHDRAWN]
        else:
            path = []
    else:
        path = [Status.WITHDRAWN] if roll < 0.04 else []
    return path


def _build_requests(rng, desk, postcodes, locations, today, n_requests) -> None:
    place_names = list(postcodes)
    place_weights = [6 if p in ("Deinze", "Zulte", "Nevele") else 2 for p in place_names]
    year_ago = today - timedelta(days=365)
    families, guardians, children, requests, plans = [], [], [], [], []
    for i in range(n_requests):
        registered = year_ago + timedelta(days=rng.randint(0, 362), minutes=rng.randint(0, 60 * 10))
        registered_at = _aware(
            datetime.combine(registered, time(rng.randint(7, 21), rng.randint(0, 59), rng.randint(0, 59)))
        )
        expected = rng.random() < 0.35
        birth = (
            registered + timedelta(days=rng.randint(30, 200))
            if expected
            else registered - timedelta(days=rng.randint(20, 300))
        )
        start_earliest = month_start(max(registered + timedelta(days=60), birth + timedelta(days=90)))
        start_latest = month_start(start_earliest, rng.choice([0, 1, 2, 3, 3, 6]))
        place = rng.choices(place_names, weights=place_weights)[0]
        postcode = postcodes[place]
        family = Family(
            desk=desk,
            postcode=postcode,
            preferred_language=rng.choices(["nl", "en", "fr", "ar"], [82, 7, 6, 5])[0],
        )
        family.created_at = registered_at
        families.append(family)
        work = rng.random() < 0.78
        single = rng.random() < 0.12
        low_income = rng.random() < (0.30 if single else 0.11)
        facts = {
            "work": work,
            "single_parent": single,
            "low_income": low_income,
            "health_or_care": rng.random() < 0.05,
            "no_diploma": rng.random() < (0.25 if low_income else 0.05),
            "foster": rng.random() < 0.01,
        }
        nearby = sorted(
            locations,
            key=lambda loc: (
                distance_km(postcode.latitude, postcode.longitude, loc.latitude, loc.longitude)
                + rng.uniform(0, 4)
            ),
        )
        n_choices = min(desk.max_choices, rng.choices([1, 2, 3, 4, 5], [10, 20, 35, 20, 15])[0])
        days = rng.choices(
            [(1, 2, 3, 4, 5), (1, 2, 4, 5), (1, 2, 4), (2, 3, 5), (1, 3)], [40, 25, 20, 10, 5]
        )[0]
        accepts_free = rng.random() < 0.7
        plans.append(
            (
                registered_at,
                birth if not expected else None,
                birth if expected else None,
                start_earliest,
                start_latest,
                nearby[:n_choices],
                facts,
                days,
                accepts_free,
                i,
            )
        )
    Family.objects.bulk_create(families)
    for family, plan in zip(families, plans, strict=True):
        parent_first = rng.choice(places.FIRST_NAMES_PARENT)
        last = rng.choice(places.LAST_NAMES)
        guardians.append(
            Guardian(
                family=family,
                first_name=parent_first,
                last_name=last,
                email=f"{_slug(parent_first)}.{_slug(last)}.{plan[9]}@gezin.example",
                phone=f"0470 {rng.randint(100000, 999999)}",
                is_primary=True,
            )
        )
        children.append(
            Child(
                family=family,
                first_name=rng.choice(places.FIRST_NAMES_CHILD) if plan[1] else "",
                birth_date=plan[1],
                due_date=plan[2],
            )
        )
    Guardian.objects.bulk_create(guardians)
    Child.objects.bulk_create(children)
    families_reindex(desk_ids=[desk.pk])  # bulk writes send no signals: the desk's search keys, once
    for child, plan in zip(children, plans, strict=True):
        registered_at, _, _, start_earliest, start_latest, chosen, facts, days, accepts_free, i = plan
        urgent = rng.random() < 0.03
        requests.append(
            ChildcareRequest(
                desk=desk,
                child=child,
                status=Status.REGISTERED,
                channel=rng.choices(
                    [Channel.WEB, Channel.PHONE, Channel.WALK_IN, Channel.PARTNER], [75, 12, 8, 5]
                )[0],
                registered_at=registered_at,
                start_earliest=start_earliest,
                start_latest=start_latest,
                weekdays_mask=weekdays.to_mask(days),
                accepts_income_tariff=True,
                accepts_free_price=accepts_free,
                sworn_statement_at=registered_at,
                consent_version=CONSENT_VERSION,
                consented_at=registered_at,
                last_confirmed_at=registered_at,
                urgent=urgent,
                urgency_reason="Dringende opvang nodig na plotse werkhervatting" if urgent else "",
                **facts,
            )
        )
    ChildcareRequest.objects.bulk_create(requests)
    choices, changes, siblings = [], [], []
    for request, plan in zip(requests, plans, strict=True):
        registered_at, chosen = plan[0], plan[5]
        for rank, location in enumerate(chosen, start=1):
            choices.append(Choice(request=request, location=location, rank=rank))
        if rng.random() < 0.1:
            siblings.append(
                ChildcareRequest.siblings_at.through(childcarerequest_id=request.pk, location_id=chosen[0].pk)
            )
        changes.append(
            StatusChange(request=request, from_status="", to_status=Status.REGISTERED, at=registered_at)
        )
        status = Status.REGISTERED
        moment = registered_at
        offer_moment = max(
            registered_at, _aware(datetime.combine(month_start(request.start_earliest, -4), time(10)))
        )
        for step in _status_path(rng, request.start_earliest, registered_at.date(), today):
            check_transition(status, step)
            if step == Status.OFFERED:
                moment = max(moment, offer_moment) + timedelta(days=rng.randint(1, 20))
            elif step == Status.PLACED:
                moment = max(
                    moment + timedelta(days=1), _aware(datetime.combine(request.start_earliest, time(8)))
                )
            else:
                moment = moment + timedelta(days=rng.randint(1, 9))
            moment = min(moment, _aware(datetime.combine(today, time(9))))
            reason = "Andere opvang gevonden" if step == Status.WITHDRAWN else ""
            changes.append(
                StatusChange(request=request, from_status=status, to_status=step, at=moment, reason=reason)
            )
            status = step
        request.status = status
        request.closed_at = moment if status in CLOSED_STATUSES else None
    ChildcareRequest.objects.bulk_update(requests, ["status", "closed_at"])
    Choice.objects.bulk_create(choices)
    StatusChange.objects.bulk_create(changes)
    ChildcareRequest.siblings_at.through.objects.bulk_create(siblings)


def _build_accounts(desk, organisers, locations, partners, postcodes, today) -> None:
    def person(email, name, staff=False):
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name, is_staff=staff)
        return user

    RoleAssignment.objects.create(
        user=person("balie@loket.demo", "Bart Balie", staff=True), role=Role.DESK_WORKER, desk=desk
    )
    RoleAssignment.objects.create(
        user=person("beheer@loket.demo", "Bea Beheer", staff=True), role=Role.DESK_ADMIN, desk=desk
    )
    city = organisers[0]
    RoleAssignment.objects.create(
        user=person("aanbieder@loket.demo", "Ann Aanbieder", staff=True),
        role=Role.PROVIDER_STAFF,
        organiser=city,
    )
    minder = next(o for o in organisers if o.contact_name == "An Verhaeghe")
    RoleAssignment.objects.create(
        user=person("onthaalouder@loket.demo", "An Verhaeghe", staff=True),
        role=Role.PROVIDER_STAFF,
        organiser=minder,
    )
    RoleAssignment.objects.create(
        user=person("partner@loket.demo", "Pieter Partner"), role=Role.PARTNER_ADVISER, partner=partners[0]
    )
    RoleAssignment.objects.create(
        user=person("voorzet@loket.demo", "Vera VoorZet", staff=True), role=Role.SUPPORT_AGENT
    )
    RoleAssignment.objects.create(
        user=person("beleid@loket.demo", "Bert Beleid"), role=Role.POLICY_VIEWER, desk=desk
    )
    RoleAssignment.objects.create(
        user=person("agentschap@loket.demo", "Agentschap Opgroeien"), role=Role.POLICY_VIEWER
    )
    # The demo parent: a family with one waiting request and a chosen set of nearby locations.
    parent = person("ouder@loket.demo", "Olga Ouder")
    family = Family.objects.create(desk=desk, postcode=postcodes["Deinze"], preferred_language="nl")
    Guardian.objects.create(
        family=family,
        user=parent,
        first_name="Olga",
        last_name="Ouder",
        email=parent.email,
        phone="0470 12 34 56",
    )
    child = Child.objects.create(family=family, first_name="Mila", birth_date=today - timedelta(days=75))
    registered_at = timezone.now() - timedelta(days=40)
    request = ChildcareRequest.objects.create(
        desk=desk,
        child=child,
        status=Status.REGISTERED,
        registered_at=registered_at,
        start_earliest=month_start(today, 2),
        start_latest=month_start(today, 4),
        weekdays_mask=weekdays.to_mask((1, 2, 4, 5)),
        work=True,
        sworn_statement_at=registered_at,
        consent_version=CONSENT_VERSION,
        consented_at=registered_at,
        last_confirmed_at=registered_at,
    )
    deinze = [loc for loc in locations if loc.municipality.name == "Deinze"][:3]
    Choice.objects.bulk_create(
        Choice(request=request, location=loc, rank=rank) for rank, loc in enumerate(deinze, start=1)
    )
    StatusChange.objects.create(
        request=request, from_status="", to_status=Status.REGISTERED, at=registered_at
    )
    User.objects.create_superuser(email="admin@loket.demo", password=DEMO_PASSWORD, full_name="Loket Admin")
