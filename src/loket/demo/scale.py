"""A city desk or all of Flanders, with a year of history made by real allocation rounds.

`loket-manage load_demo --scale city` builds the desk of Gent (8 neighbourhoods, ~400 locations, ~10,000 requests a
year); `--scale flanders` one desk per administrative district (arrondissement) of Flanders over the real
municipalities and postcodes of the reference data (~5,400 locations, ~70,000 requests). Families register week by
week; every week each desk prepares and runs a round through the allocation services (`round_prepare`, `round_run`:
the real engine, instance and check), and what providers and families then did is recorded with
`allocation.history.round_publish_history`, at the moments it happened. So the reports' first-choice table, the
waiting times and the fair-access ratios come from rounds.

Deterministic for a seed and a reference date (the rounds' lottery seeds come from the same generator). Writes are
batched (`bulk_create`/`bulk_update` with a batch size). Idempotent: a second run finds the first desk and stops.
The postcodes' coordinates are made up around each district's centre (the reference data has none): close enough
for families to choose nearby locations.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment, User
from loket.allocation.history import (
    Answer,
    Reply,
    offers_expire_history,
    round_publish_history,
)
from loket.allocation.services import round_blobs, round_prepare, round_run
from loket.areas.choices import CentroidSource
from loket.areas.models import Desk, Municipality, Postcode, ReferenceMunicipality, Region
from loket.areas.services import NeighbourhoodRow, desk_create, neighbourhoods_import
from loket.audit.services import audit_record_many
from loket.core import weekdays
from loket.core.bulk import update_in_groups
from loket.demand.choices import Channel
from loket.demand.lifecycle import CLOSED_STATUSES, WAITING_STATUSES, Status, check_transition
from loket.demand.models import Child, ChildcareRequest, Choice, Family, Guardian, StatusChange
from loket.demand.search import families_reindex
from loket.demand.services import status_changed_event
from loket.supply.choices import TariffRegime
from loket.supply.models import CareType, Location, Opening, Organiser, SubsidyStep

from . import places
from .build import CONSENT_VERSION, DEMO_PASSWORD, distance_km, month_start
from .timing import PhaseClock

BATCH = 2000
HISTORY_DAYS = 364  # 52 weekly rounds
BACKLOG_DAYS = 120  # families registered before the first round of the year
NEAREST = 14  # a family picks its choices among this many nearby locations


@dataclass(frozen=True)
class Scale:
    name: str
    requests: int
    locations: int
    rounds_every_weeks: int = 1


SCALES = {
    "city": Scale("city", requests=10_000, locations=400),
    "flanders": Scale("flanders", requests=70_000, locations=5_400),
}

# Gent's postcodes grouped in 8 neighbourhoods, with a centre for each postcode.
GENT_NIS = "44021"
GENT_NEIGHBOURHOODS = (
    ("CEN", "Gent-Centrum", {"9000": (51.0543, 3.7174)}),
    ("MAD", "Mariakerke-Drongen", {"9030": (51.0736, 3.6797), "9031": (51.0500, 3.6600)}),
    ("WON", "Wondelgem", {"9032": (51.0889, 3.7178)}),
    ("SAB", "Sint-Amandsberg", {"9040": (51.0620, 3.7500)}),
    ("OHA", "Oostakker en havendorpen", {"9041": (51.0950, 3.7700), "9042": (51.1500, 3.7800)}),
    ("GLE", "Gentbrugge-Ledeberg", {"9050": (51.0370, 3.7600)}),
    ("SDW", "Sint-Denijs-Westrem en Afsnee", {"9051": (51.0270, 3.6730)}),
    ("ZWI", "Zwijnaarde", {"9052": (51.0050, 3.7140)}),
)
# The administrative districts of Flanders by the first two digits of the NIS code, with a rough centre.
DISTRICTS = {
    "11": ("Antwerpen", 51.22, 4.42),
    "12": ("Mechelen", 51.03, 4.48),
    "13": ("Turnhout", 51.30, 4.95),
    "23": ("Halle-Vilvoorde", 50.88, 4.28),
    "24": ("Leuven", 50.88, 4.75),
    "31": ("Brugge", 51.20, 3.22),
    "32": ("Diksmuide", 51.03, 2.87),
    "33": ("Ieper", 50.85, 2.88),
    "34": ("Kortrijk", 50.82, 3.27),
    "35": ("Oostende", 51.20, 2.92),
    "36": ("Roeselare", 50.95, 3.12),
    "37": ("Tielt", 51.00, 3.33),
    "38": ("Veurne", 51.07, 2.66),
    "41": ("Aalst", 50.93, 4.04),
    "42": ("Dendermonde", 51.03, 4.10),
    "43": ("Eeklo", 51.18, 3.56),
    "44": ("Gent", 51.05, 3.72),
    "45": ("Oudenaarde", 50.85, 3.60),
    "46": ("Sint-Niklaas", 51.17, 4.14),
    "71": ("Hasselt", 50.93, 5.34),
    "72": ("Maaseik", 51.10, 5.60),
    "73": ("Tongeren", 50.78, 5.47),
}
REPLIES = ((Answer.ACCEPTED, 80), (Answer.DECLINED, 12), (Answer.EXPIRED, 5), (Answer.REFUSED, 3))


@dataclass
class Area:
    """What the loader built for one desk: its postcodes (with coordinates) and locations."""

    desk: Desk
    postcodes: list[Postcode]
    weights: list[float]
    locations: list[Location] = field(default_factory=list)
    nearest: dict[int, list[Location]] = field(default_factory=dict)
    worker: User | None = None


def scale_exists(name: str) -> bool:
    """Whether this scale was loaded completely (its demo parent is made last). Raises `ScaleIncomplete` when an
    earlier load stopped halfway: its desks exist, its history does not."""
    if not Desk.objects.filter(slug=_first_slug(name)).exists():
        return False
    if not User.objects.filter(email=f"ouder@{name}.loket.demo").exists():
        raise ScaleIncomplete(
            f"An earlier load of --scale {name} did not finish (its desks exist, its history is incomplete). "
            "Load it into an empty database."
        )
    return True


class ScaleIncomplete(Exception):
    pass


def _first_slug(name: str) -> str:
    return "gent" if name == "city" else "flanders-antwerpen"


def _aware(d: date, t: time) -> datetime:
    return timezone.make_aware(datetime.combine(d, t))


def build_scale(
    scale: Scale,
    *,
    seed: int = 2026,
    today: date | None = None,
    progress: Callable[[str], None] = lambda message: None,
    clock: PhaseClock | None = None,
) -> list[Desk]:
    """Build the scale's desks, supply and a year of history. Returns the desks. `clock` adds up the time of each
    phase (the command prints it)."""
    clock = clock or PhaseClock()
    rng = random.Random(f"{scale.name}-{seed}")
    today = today or timezone.localdate()
    now = timezone.now() if today == timezone.localdate() else _aware(today, time(12))
    with clock.phase("desks, locations, accounts"), transaction.atomic():
        areas = _build_gent(rng) if scale.name == "city" else _build_flanders(rng)
        progress(f"{len(areas)} desk(s), {sum(len(a.postcodes) for a in areas)} postcodes")
        _build_supply(rng, areas, scale.locations)
        _build_accounts(areas, scale.name)
    progress(f"{sum(len(a.locations) for a in areas)} locations")
    _build_history(rng, areas, scale, today, now, progress, clock)
    # Bulk writes send no signals: the desks' search keys (the desk search box) are built once, here.
    with clock.phase("search keys"):
        families_reindex(desk_ids=[a.desk.pk for a in areas])
    progress("search keys built")
    if connection.vendor == "postgresql":
        with clock.phase("ANALYZE"), connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        progress("ANALYZE done")
    return [a.desk for a in areas]


# --- geography ---------------------------------------------------------------------------------------------------


def _build_gent(rng) -> list[Area]:
    desk = desk_create(
        actor=None,
        name="Loket Kinderopvang Gent",
        slug="gent",
        nis_codes=[GENT_NIS],
        email="kinderopvang@gent.example",
        rounds_every_weeks=1,
    )
    neighbourhoods_import(
        desk=desk,
        actor=None,
        rows=[
            NeighbourhoodRow(line=i, nis_code=GENT_NIS, code=code, name=name, postcodes=tuple(codes))
            for i, (code, name, codes) in enumerate(GENT_NEIGHBOURHOODS, start=1)
        ],
    )
    centres = {pc: centre for _code, _name, codes in GENT_NEIGHBOURHOODS for pc, centre in codes.items()}
    postcodes = list(Postcode.objects.filter(municipality__desk=desk).order_by("code", "pk"))
    for postcode in postcodes:
        lat, lon = centres.get(postcode.code, (51.05, 3.72))
        postcode.latitude, postcode.longitude = Decimal(f"{lat:.5f}"), Decimal(f"{lon:.5f}")
        postcode.centroid_source = CentroidSource.SURVEYED
    Postcode.objects.bulk_update(postcodes, ["latitude", "longitude", "centroid_source"], batch_size=BATCH)
    weights = [4.0 if p.code == "9000" else 1.5 for p in postcodes]
    return [Area(desk=desk, postcodes=postcodes, weights=weights)]


def _build_flanders(rng) -> list[Area]:
    served = set(Municipality.objects.values_list("nis_code", flat=True))
    by_district = defaultdict(list)
    for reference in ReferenceMunicipality.objects.filter(region=Region.FLANDERS).order_by("nis_code"):
        if reference.nis_code not in served and reference.nis_code[:2] in DISTRICTS:
            by_district[reference.nis_code[:2]].append(reference.nis_code)
    areas = []
    for district, nis_codes in sorted(by_district.items()):
        name, lat, lon = DISTRICTS[district]
        desk = desk_create(
            actor=None,
            name=f"Loket Kinderopvang regio {name}",
            slug=f"flanders-{name.lower()}",
            nis_codes=nis_codes,
            email=f"kinderopvang@{name.lower()}.example",
            rounds_every_weeks=1,
        )
        postcodes = list(
            Postcode.objects.filter(municipality__desk=desk)
            .select_related("municipality")
            .order_by("code", "pk")
        )
        centres = {}
        for nis in nis_codes:
            centres[nis] = (lat + rng.uniform(-0.13, 0.13), lon + rng.uniform(-0.2, 0.2))
        for postcode in postcodes:
            m_lat, m_lon = centres[postcode.municipality.nis_code]
            postcode.latitude = Decimal(f"{m_lat + rng.uniform(-0.025, 0.025):.5f}")
            postcode.longitude = Decimal(f"{m_lon + rng.uniform(-0.04, 0.04):.5f}")
            postcode.centroid_source = CentroidSource.SURVEYED
        Postcode.objects.bulk_update(
            postcodes, ["latitude", "longitude", "centroid_source"], batch_size=BATCH
        )
        # Districts' own cities are larger than their villages.
        weights = [3.0 if p.municipality.name == name else rng.uniform(0.6, 1.6) for p in postcodes]
        areas.append(Area(desk=desk, postcodes=postcodes, weights=weights))
    return areas


# --- supply ------------------------------------------------------------------------------------------------------


def _build_supply(rng, areas: list[Area], n_locations: int) -> None:
    total_weight = sum(sum(a.weights) for a in areas)
    now = timezone.now()
    for area in areas:
        share = max(2, round(n_locations * sum(area.weights) / total_weight))
        town = area.desk.name.split()[-1]
        # One public organiser with a tenth of the centres, a few private groups, the rest independent.
        organisers = [
            Organiser(
                name=f"Stad {town} – Kinderopvang",
                legal_form="public",
                email=f"kinderopvang@stad-{_slug(town)}.example",
                phone="09 266 00 00",
            ),
            *[
                Organiser(
                    name=f"{group} {town}",
                    legal_form="non_profit",
                    email=f"info@{_slug(group)}-{_slug(town)}.example",
                    phone="09 225 00 00",
                )
                for group in ("Kinderkoppen vzw", "Okidoki vzw", "De Boomhut bv")
            ],
        ]
        locations = []
        for i in range(share):
            group = rng.random() < 0.4
            postcode = rng.choices(area.postcodes, weights=area.weights)[0]
            if group:
                organiser_index = 0 if i % 10 == 0 else rng.choice([None, None, 1, 2, 3])
                if organiser_index is None:
                    organisers.append(
                        Organiser(
                            name=f"Kinderdagverblijf {rng.choice(places.LAST_NAMES)} {i}",
                            legal_form="company",
                            email=f"kdv{i}@{_slug(town)}.example",
                            phone="09 230 00 00",
                        )
                    )
                    organiser_index = len(organisers) - 1
                regime = rng.choices(
                    [TariffRegime.INCOME, TariffRegime.FREE, TariffRegime.MIX], [55, 25, 20]
                )[0]
                capacity = rng.choice([14, 18, 28, 36, 42, 56, 70])
                name = f"Kinderdagverblijf {rng.choice(places.STREETS).split()[0]} {i}"
            else:
                person = f"{rng.choice(places.FIRST_NAMES_PARENT)} {rng.choice(places.LAST_NAMES)}"
                organisers.append(
                    Organiser(
                        name=f"Onthaalouder {person} {i}",
                        legal_form="sole_trader",
                        email=f"onthaal{i}@{_slug(town)}.example",
                        phone="0478 00 00 00",
                        contact_name=person,
                    )
                )
                organiser_index = len(organisers) - 1
                regime = TariffRegime.INCOME if rng.random() < 0.7 else TariffRegime.FREE
                capacity = rng.choice([4, 5, 6, 7, 8, 8])
                name = f"Gezinsopvang {person}"
            enrolled = max(0, capacity - rng.randint(0, max(1, capacity // 6)))
            locations.append(
                (
                    organiser_index,
                    Location(
                        name=name,
                        care_type=CareType.GROUP if group else CareType.FAMILY,
                        street=f"{rng.choice(places.STREETS)} {rng.randint(1, 180)}",
                        postcode=postcode,
                        municipality_id=postcode.municipality_id,
                        neighbourhood_id=postcode.neighbourhood_id,
                        latitude=_jitter(rng, postcode.latitude),
                        longitude=_jitter(rng, postcode.longitude),
                        phone="09 380 00 00",
                        email=f"locatie{i}@{_slug(town)}.example",
                        languages="Nederlands",
                        licensed_capacity=capacity,
                        age_min_months=0,
                        age_max_months=36,
                        weekdays_mask=weekdays.to_mask(weekdays.WORKING_WEEK),
                        opens_at=time(7, rng.choice([0, 15, 30])),
                        closes_at=time(18, rng.choice([0, 15, 30])),
                        tariff_regime=regime,
                        income_places=capacity // 2 if regime == TariffRegime.MIX else 0,
                        subsidy_step=SubsidyStep("2A" if regime != TariffRegime.FREE else "1"),
                        enrolled_total=enrolled,
                        enrolled_reserve_eligible=round(enrolled * rng.uniform(0.08, 0.22)),
                        enrolled_updated_at=now,
                    ),
                )
            )
        Organiser.objects.bulk_create(organisers, batch_size=BATCH)
        for organiser_index, location in locations:
            location.organiser = organisers[organiser_index]
        area.locations = [location for _, location in locations]
        Location.objects.bulk_create(area.locations, batch_size=BATCH)
        for postcode in area.postcodes:
            area.nearest[postcode.pk] = sorted(
                area.locations,
                key=lambda loc, p=postcode: distance_km(p.latitude, p.longitude, loc.latitude, loc.longitude),
            )[:NEAREST]


def _jitter(rng, value: Decimal) -> Decimal:
    return (value + Decimal(str(round(rng.uniform(-0.008, 0.008), 5)))).quantize(Decimal("0.00001"))


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower().replace(" ", "-") if ch.isalnum() or ch == "-").strip("-")[:30]


def _openings(rng, picks: list[tuple[Location, date, str]]) -> list[tuple[date, Opening]]:
    """The free places of the year, as (the day the provider declared it, the opening): one opening per location,
    start month and tariff, with as many places as were picked there."""
    cells: dict[tuple[int, date, str], int] = defaultdict(int)
    by_pk = {}
    for location, month, tariff in picks:
        cells[(location.pk, month, tariff)] += 1
        by_pk[location.pk] = location
    out = []
    for (pk, month, tariff), count in sorted(cells.items()):
        location = by_pk[pk]
        declared = month - timedelta(days=rng.randint(45, 110))
        out.append(
            (
                declared,
                Opening(
                    location=location,
                    tariff=tariff,
                    start_month=month,
                    weekdays_mask=location.weekdays_mask,
                    age_min_months=0 if rng.random() < 0.85 else 3,
                    age_max_months=36,
                    count=min(count, 30),
                    confirmed_at=_aware(declared, time(11)),
                ),
            )
        )
    return out


def _places(rng, areas: list[Area], plans: list["Plan"], first_month: date, last_month: date):
    """Where places free up over the year. Children leave where families want to go (popular locations have more
    turnover), so most places come up at a location some family chose, in a month some family asked for: three in
    four requests bring one such place (another family may win it, by priority or lottery). One place in ten comes
    up anywhere, at any month, whether anyone wants it or not."""
    picks = []
    for plan in plans:
        if rng.random() >= 0.75:
            continue
        location = rng.choices(plan.chosen, weights=[5, 3, 2, 1, 1][: len(plan.chosen)])[0]
        months = []
        month = plan.start_earliest
        while month <= plan.start_latest:
            months.append(month)
            month = month_start(month, 1)
        month = rng.choice(months)
        if not first_month <= month <= last_month:
            continue
        tariffs = [t for t in location.tariffs if t == "income" or plan.accepts_free] or list(
            location.tariffs
        )
        picks.append((location, month, rng.choice(tariffs)))
    months = []
    month = first_month
    while month <= last_month:
        months.append(month)
        month = month_start(month, 1)
    for area in areas:
        capacities = [loc.licensed_capacity for loc in area.locations]
        n_random = round(0.1 * sum(1 for p in plans if p.area is area))
        for index in rng.choices(range(len(area.locations)), weights=capacities, k=n_random):
            location = area.locations[index]
            picks.append((location, rng.choice(months), rng.choice(location.tariffs)))
    return _openings(rng, picks)


# --- accounts ----------------------------------------------------------------------------------------------------


def _build_accounts(areas: list[Area], name: str) -> None:
    area = areas[0]
    desk = area.desk
    domain = f"{name}.loket.demo"

    def person(email, full_name, staff=False):
        return User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=full_name, is_staff=staff
        )

    area.worker = person(f"balie@{domain}", f"Balie {desk.name}", staff=True)
    RoleAssignment.objects.create(user=area.worker, role=Role.DESK_WORKER, desk=desk)
    for other in areas[1:]:
        other.worker = area.worker
        RoleAssignment.objects.create(user=area.worker, role=Role.DESK_WORKER, desk=other.desk)
    RoleAssignment.objects.create(
        user=person(f"beheer@{domain}", f"Beheer {desk.name}", staff=True), role=Role.DESK_ADMIN, desk=desk
    )
    # The organiser with the most centres (the city's own, at full size).
    public = (
        Organiser.objects.filter(locations__municipality__desk=desk)
        .annotate(n=Count("locations"))
        .order_by("-n", "pk")
        .first()
    )
    RoleAssignment.objects.create(
        user=person(f"aanbieder@{domain}", "Aanbieder Stad", staff=True),
        role=Role.PROVIDER_STAFF,
        organiser=public,
    )
    RoleAssignment.objects.create(
        user=person(f"beleid@{domain}", f"Beleid {desk.name}"), role=Role.POLICY_VIEWER, desk=desk
    )


def accounts_of(name: str) -> list[tuple[str, str]]:
    domain = f"{name}.loket.demo"
    return [
        (f"balie@{domain}", "desk worker (every desk of this scale)"),
        (f"beheer@{domain}", "desk administrator (first desk)"),
        (f"aanbieder@{domain}", "provider staff (the organiser with most centres, first desk)"),
        (f"beleid@{domain}", "policy viewer (first desk)"),
        (f"ouder@{domain}", "parent with a waiting request (first desk)"),
    ]


# --- a year of history -------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """One family's registration, generated up front and written in the week it happened."""

    registered_at: datetime
    area: Area
    postcode: Postcode
    birth: date | None
    due: date | None
    start_earliest: date
    start_latest: date
    chosen: list[Location]
    facts: dict
    days: tuple
    accepts_free: bool
    urgent: bool
    sibling: bool
    language: str
    channel: str
    number: int


def _plans(rng, areas: list[Area], n_requests: int, first_day: date, today: date) -> list[Plan]:
    weights = [sum(a.weights) for a in areas]
    span = (today - first_day).days
    plans = []
    for i in range(n_requests):
        area = rng.choices(areas, weights=weights)[0]
        postcode = rng.choices(area.postcodes, weights=area.weights)[0]
        registered = first_day + timedelta(days=rng.randint(0, span))
        registered_at = _aware(registered, time(rng.randint(7, 21), rng.randint(0, 59), rng.randint(0, 59)))
        expected = rng.random() < 0.4
        birth = (
            registered + timedelta(days=rng.randint(30, 200))
            if expected
            else registered - timedelta(days=rng.randint(20, 300))
        )
        start_earliest = month_start(max(registered + timedelta(days=60), birth + timedelta(days=90)))
        start_latest = month_start(start_earliest, rng.choice([1, 2, 3, 3, 4, 6]))
        single = rng.random() < 0.12
        low_income = rng.random() < (0.30 if single else 0.11)
        facts = {
            "work": rng.random() < 0.78,
            "single_parent": single,
            "low_income": low_income,
            "health_or_care": rng.random() < 0.05,
            "no_diploma": rng.random() < (0.25 if low_income else 0.05),
            "foster": rng.random() < 0.01,
        }
        # Families choose nearby, and larger centres more often than a childminder (they are better known).
        nearby = area.nearest[postcode.pk]
        n_choices = min(
            len(nearby), area.desk.max_choices, rng.choices([1, 2, 3, 4, 5], [8, 17, 35, 22, 18])[0]
        )
        ranked, pool = [], list(range(len(nearby)))
        while len(ranked) < n_choices:
            pull = [nearby[i].licensed_capacity ** 0.7 / (1 + i) for i in pool]
            ranked.append(nearby[pool.pop(rng.choices(range(len(pool)), weights=pull)[0])])
        plans.append(
            Plan(
                registered_at=registered_at,
                area=area,
                postcode=postcode,
                birth=None if expected else birth,
                due=birth if expected else None,
                start_earliest=start_earliest,
                start_latest=start_latest,
                chosen=ranked[:n_choices],
                facts=facts,
                days=rng.choices(
                    [(1, 2, 3, 4, 5), (1, 2, 4, 5), (1, 2, 4), (2, 3, 5), (1, 3)], [40, 25, 20, 10, 5]
                )[0],
                accepts_free=rng.random() < 0.7,
                urgent=rng.random() < 0.02,
                sibling=rng.random() < 0.08,
                language=rng.choices(["nl", "en", "fr", "ar"], [80, 7, 7, 6])[0],
                channel=rng.choices(
                    [Channel.WEB, Channel.PHONE, Channel.WALK_IN, Channel.PARTNER], [75, 12, 8, 5]
                )[0],
                number=i,
            )
        )
    plans.sort(key=lambda p: (p.registered_at, p.number))
    return plans


def _register(rng, plans: list[Plan]) -> None:
    """Write a batch of registrations: families, guardians, children, requests, choices, first status."""
    families = []
    for plan in plans:
        family = Family(desk=plan.area.desk, postcode=plan.postcode, preferred_language=plan.language)
        family.created_at = plan.registered_at
        families.append(family)
    Family.objects.bulk_create(families, batch_size=BATCH)
    guardians, children = [], []
    for family, plan in zip(families, plans, strict=True):
        first, last = rng.choice(places.FIRST_NAMES_PARENT), rng.choice(places.LAST_NAMES)
        guardians.append(
            Guardian(
                family=family,
                first_name=first,
                last_name=last,
                email=f"{_slug(first)}.{_slug(last)}.{plan.number}@gezin.example",
                phone=f"0470 {rng.randint(100000, 999999)}",
                is_primary=True,
            )
        )
        children.append(
            Child(
                family=family,
                first_name=rng.choice(places.FIRST_NAMES_CHILD) if plan.birth else "",
                birth_date=plan.birth,
                due_date=plan.due,
            )
        )
    Guardian.objects.bulk_create(guardians, batch_size=BATCH)
    Child.objects.bulk_create(children, batch_size=BATCH)
    requests = [
        ChildcareRequest(
            desk=plan.area.desk,
            child=child,
            status=Status.REGISTERED,
            channel=plan.channel,
            registered_at=plan.registered_at,
            start_earliest=plan.start_earliest,
            start_latest=plan.start_latest,
            weekdays_mask=weekdays.to_mask(plan.days),
            accepts_income_tariff=True,
            accepts_free_price=plan.accepts_free,
            sworn_statement_at=plan.registered_at,
            consent_version=CONSENT_VERSION,
            consented_at=plan.registered_at,
            last_confirmed_at=plan.registered_at,
            urgent=plan.urgent,
            urgency_reason="Dringende opvang nodig na plotse werkhervatting" if plan.urgent else "",
            **plan.facts,
        )
        for child, plan in zip(children, plans, strict=True)
    ]
    ChildcareRequest.objects.bulk_create(requests, batch_size=BATCH)
    choices, changes, siblings = [], [], []
    for request, plan in zip(requests, plans, strict=True):
        for rank, location in enumerate(plan.chosen, start=1):
            choices.append(Choice(request=request, location=location, rank=rank))
        if plan.sibling:
            siblings.append(
                ChildcareRequest.siblings_at.through(
                    childcarerequest_id=request.pk, location_id=plan.chosen[0].pk
                )
            )
        changes.append(
            StatusChange(request=request, from_status="", to_status=Status.REGISTERED, at=plan.registered_at)
        )
    Choice.objects.bulk_create(choices, batch_size=BATCH)
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)
    ChildcareRequest.siblings_at.through.objects.bulk_create(siblings, batch_size=BATCH)
    # The trail `demand.services.request_register` leaves (its choices set, then the registration).
    audit_record_many(
        dict(
            actor=None,
            event=event,
            obj=request,
            desk_id=request.desk_id,
            family_id=family.pk,
            at=plan.registered_at,
            **detail,
        )
        for request, family, plan in zip(requests, families, plans, strict=True)
        for event, detail in (
            ("request.choices_changed", {"locations": [location.pk for location in plan.chosen]}),
            ("request.registered", {}),
        )
    )


def _close_waiting(rng, desk_ids: list[int], on: date) -> int:
    """Families who stop waiting: a few withdraw each week; requests whose window ended three months ago expire
    (the desk followed them up)."""
    at = _aware(on, time(9))
    cutoff = month_start(on, -3)
    rows = list(
        ChildcareRequest.objects.filter(desk_id__in=desk_ids, status__in=WAITING_STATUSES)
        .exclude(offers__status="open")
        .values_list("pk", "status", "start_latest", "desk_id", "child__family_id")
        .order_by("pk")
    )
    closing = []
    for pk, status, start_latest, desk_id, family_id in rows:
        if start_latest < cutoff:
            closing.append((pk, status, Status.EXPIRED, "window ended", desk_id, family_id))
        elif rng.random() < 0.004:
            closing.append((pk, status, Status.WITHDRAWN, "Andere opvang gevonden", desk_id, family_id))
    changes, updated, events = [], {}, []
    for pk, status, to, reason, desk_id, family_id in closing:
        check_transition(status, to)
        changes.append(StatusChange(request_id=pk, from_status=status, to_status=to, at=at, reason=reason))
        updated[pk] = (to, at if to in CLOSED_STATUSES else None)
        events.append(status_changed_event(None, pk, desk_id, family_id, status, to, at, reason))
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)
    update_in_groups(ChildcareRequest, updated, ("status", "closed_at"))
    audit_record_many(events)
    return len(closing)


def _build_history(
    rng, areas: list[Area], scale: Scale, today: date, now: datetime, progress, clock: PhaseClock
) -> None:
    with clock.phase("plans"):
        first_round = today - timedelta(days=HISTORY_DAYS)
        first_day = first_round - timedelta(days=BACKLOG_DAYS)
        plans = _plans(rng, areas, scale.requests, first_day, today)
        declared = _places(rng, areas, plans, month_start(first_round, 1), month_start(today, 6))
        declared.sort(key=lambda pair: (pair[0], pair[1].location_id, pair[1].start_month))
    desk_ids = [a.desk.pk for a in areas]
    every = scale.rounds_every_weeks
    round_days = [first_round + timedelta(days=7 * w) for w in range(0, HISTORY_DAYS // 7 + 1, every)]
    plan_i = opening_i = 0
    totals = defaultdict(int)
    started = datetime.now()
    for week, on in enumerate(round_days, start=1):
        cut = _aware(on, time(6))
        batch = []
        while plan_i < len(plans) and plans[plan_i].registered_at < cut:
            batch.append(plans[plan_i])
            plan_i += 1
        opening_batch = []
        while opening_i < len(declared) and declared[opening_i][0] < on:
            opening_batch.append(declared[opening_i][1])
            opening_i += 1
        with transaction.atomic():
            with clock.phase("registrations"):
                _register(rng, batch)
            with clock.phase("free places"):
                Opening.objects.bulk_create(opening_batch, batch_size=BATCH)
                # Providers keep their declared places current (re-confirmed before each round).
                Opening.objects.filter(
                    Q(location__municipality__desk_id__in=desk_ids),
                    withdrawn_at__isnull=True,
                    start_month__gte=month_start(on),
                    confirmed_at__lt=cut,
                ).update(confirmed_at=cut)
                # Places that started two months ago and still nobody took: the provider withdrew them (filled
                # otherwise).
                Opening.objects.filter(
                    location__municipality__desk_id__in=desk_ids,
                    withdrawn_at__isnull=True,
                    start_month__lt=month_start(on, -2),
                ).update(withdrawn_at=cut)
            with clock.phase("offers lapsed, requests closed"):
                totals["expired_offers"] += offers_expire_history(desk_ids=desk_ids, at=cut)
                totals["closed"] += _close_waiting(rng, desk_ids, on)
        for area in areas:
            with transaction.atomic():
                # The history needs each round's placements: no mechanism comparison (a preview nobody sees), and
                # explanations only for the desk's last round, the one its families' pages read.
                with clock.phase("round: prepare (allocation service)"):
                    round_ = round_prepare(
                        desk=area.desk,
                        actor=area.worker,
                        on=on,
                        lottery_seed=f"{rng.getrandbits(256):064x}",
                        simulate=False,
                    )
                with clock.phase("round: run (allocation service)"):
                    round_ = round_run(round=round_, actor=area.worker, explain=week == len(round_days))
                with clock.phase("round: outcome recorded"):
                    (result,) = round_blobs(round_, "result")
                    replies = {
                        int(a["request"][1:]): Reply(
                            answer=rng.choices([r for r, _ in REPLIES], [w for _, w in REPLIES])[0],
                            provider_days=rng.randint(1, 2),
                            family_days=rng.randint(1, 4),
                        )
                        for a in result["assignments"]
                    }
                    outcome = round_publish_history(
                        round=round_,
                        actor=area.worker,
                        published_at=_aware(on, time(14)),
                        replies=replies,
                        now=now,
                    )
            totals["rounds"] += 1
            totals["offers"] += outcome.offers
            totals["placed"] += outcome.placed
        totals["registered"] += len(batch)
        if week % 4 == 0 or week == len(round_days):
            elapsed = (datetime.now() - started).total_seconds()
            progress(
                f"week {week}/{len(round_days)} ({on:%Y-%m-%d}): {totals['registered']} registered, "
                f"{totals['rounds']} rounds, {totals['offers']} offers, {totals['placed']} placed, "
                f"{totals['closed']} withdrawn or expired ({elapsed:.0f} s; CPU s so far: {clock.summary()})"
            )
    # Registrations of the last days (after the last round), places declared since, offers lapsed since.
    with clock.phase("registrations"), transaction.atomic():
        offers_expire_history(desk_ids=desk_ids, at=now)
        _register(rng, plans[plan_i:])
        Opening.objects.bulk_create([o for _, o in declared[opening_i:] if _ <= today], batch_size=BATCH)
        _parent_account(areas[0], scale.name)


def _parent_account(area: Area, name: str) -> None:
    """The demo parent of this scale: the guardian of the most recent waiting request with choices."""
    request = (
        ChildcareRequest.objects.filter(desk=area.desk, status__in=WAITING_STATUSES, choices__isnull=False)
        .order_by("-registered_at", "pk")
        .first()
    )
    if request is None:
        return
    guardian = request.child.family.guardians.order_by("pk").first()
    user = User.objects.create_user(
        email=f"ouder@{name}.loket.demo",
        password=DEMO_PASSWORD,
        full_name=f"{guardian.first_name} {guardian.last_name}",
    )
    guardian.user = user
    guardian.save(update_fields=["user"])


def custom_scale(base: str, *, requests: int | None, locations: int | None) -> Scale:
    scale = SCALES[base]
    return Scale(
        scale.name,
        requests=requests if requests is not None else scale.requests,
        locations=locations if locations is not None else scale.locations,
        rounds_every_weeks=scale.rounds_every_weeks,
    )
