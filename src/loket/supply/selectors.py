"""Reads of childcare supply, narrowed to the person's scope."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.accounts.policies import Scope
from loket.areas.selectors import desks_in_reach, postcode_by_code
from loket.core import weekdays as wd
from loket.core.months import add_months, months_between
from loket.demand.selectors import choices_waiting, requests_waiting_at, waiting_requests_per_location

from .models import Location, Opening, Organiser, ProviderAnswer, SupplySettings, Tariff

DEFAULT_FRESH_DAYS = 30


def opening_locked(pk: int) -> Opening:
    """An opening (with its location), locked for the rest of the transaction: two people giving away its last place
    queue here."""
    return Opening.objects.select_for_update().select_related("location").get(pk=pk)


def locations_managed_by(scope: Scope) -> QuerySet[Location]:
    """Locations a provider's staff member may manage: all of their organiser's, or the single ones assigned."""
    qs = Location.objects.select_related("organiser", "municipality", "postcode")
    if scope.is_superuser:
        return qs
    return qs.filter(Q(organiser_id__in=scope.organiser_ids) | Q(pk__in=scope.location_ids))


def organisers_visible_to(scope: Scope) -> QuerySet[Organiser]:
    if scope.is_superuser:
        return Organiser.objects.all()
    return Organiser.objects.filter(
        Q(pk__in=scope.organiser_ids)
        | Q(pk__in=scope.location_organiser_ids)
        | Q(locations__municipality__desk_id__in=scope.desk_ids)
    ).distinct()


def openings_managed_by(scope: Scope) -> QuerySet[Opening]:
    """Every opening (withdrawn ones too) of the locations the person manages."""
    return Opening.objects.filter(location__in=locations_managed_by(scope)).select_related(
        "location__municipality__desk"
    )


# --- Fresh free places ----------------------------------------------------------------------------------------


def fresh_days_for(desk) -> int:
    return getattr(desk, "free_places_fresh_days", None) or DEFAULT_FRESH_DAYS


def fresh_since(*, fresh_days: int, on: date) -> datetime:
    """Openings confirmed at or after this moment count as fresh on `on`: confirmed within the last `fresh_days` days."""
    return timezone.make_aware(datetime.combine(on - timedelta(days=fresh_days), time.min))


def is_fresh(opening: Opening, *, on: date, fresh_days: int | None = None) -> bool:
    if fresh_days is None:
        fresh_days = fresh_days_for(opening.location.municipality.desk)
    return opening.confirmed_at >= fresh_since(fresh_days=fresh_days, on=on)


def confirm_due_on(opening: Opening, *, fresh_days: int) -> date:
    """The last day the opening still counts as fresh without a new confirmation."""
    return timezone.localdate(opening.confirmed_at) + timedelta(days=fresh_days)


def openings_for_round(desk, on: date) -> QuerySet[Opening]:
    """The free places of `desk`'s area that a round on `on` may use: open (not withdrawn), not kept for urgent
    care, at an active location, and confirmed by the provider within the desk's `free_places_fresh_days`.

    Stale openings are left out until the provider confirms them again (`services.opening_confirm`). The horizon
    (which start months a round offers) is the round's to apply.
    """
    return _openings_open(
        location__municipality__desk=desk,
        urgent_only=False,
        count__gte=1,
        confirmed_at__gte=fresh_since(fresh_days=fresh_days_for(desk), on=on),
    )


def _openings_open(**where) -> QuerySet[Opening]:
    """Declared places not withdrawn, at active locations, that match `where`: with their location, by location and
    start month (the order a round and a direct assignment read them in)."""
    return (
        Opening.objects.filter(location__active=True, withdrawn_at__isnull=True, **where)
        .select_related("location")
        .order_by("location_id", "start_month", "pk")
    )


def _per_desk_setting(desk_ids, setting: str) -> dict[int, list[int]]:
    """The desks (all of them when `desk_ids` is None) grouped by the value of one of their day settings: a handful
    of groups however many desks, so a page can filter on each desk's own setting in one query."""
    desks = desks_in_reach(desk_ids)
    groups: dict[int, list[int]] = {}
    for pk, days in desks.values_list("pk", setting).order_by("pk"):
        groups.setdefault(days, []).append(pk)
    return groups


def openings_stale(*, on: date, desk_ids=None, location_ids=None) -> QuerySet[Opening]:
    """Open free places not confirmed within their desk's freshness period on `on` (each desk its own setting),
    filtered in the database so a page can show them a page at a time."""
    stale = Q(pk__in=[])
    for days, group in _per_desk_setting(desk_ids, "free_places_fresh_days").items():
        since = fresh_since(fresh_days=days or DEFAULT_FRESH_DAYS, on=on)
        stale |= Q(location__municipality__desk_id__in=group, confirmed_at__lt=since)
    qs = Opening.objects.filter(stale, withdrawn_at__isnull=True, location__active=True).select_related(
        "location__municipality__desk", "location__organiser"
    )
    if location_ids is not None:
        qs = qs.filter(location_id__in=location_ids)
    return qs.order_by("location__name", "start_month", "pk")


# --- Capacity by month ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CapacityMonth:
    month: date
    licensed: int
    enrolled: int
    promised: int
    free: int

    @property
    def unaccounted(self) -> int:
        """Places neither taken, promised nor declared free (children leaving are not known to Loket)."""
        return max(0, self.licensed - self.enrolled - self.promised - self.free)

    @property
    def over(self) -> int:
        """How far enrolled, promised and declared free places together exceed the licence (0 when they fit)."""
        return max(0, self.enrolled + self.promised + self.free - self.licensed)


# --- What allocation tells supply ----------------------------------------------------------------------------------
# Allocation sits above supply: its rounds read supply's openings. The places its proposals and offers hold, and the
# priority rules a desk applies, it registers here at start-up (`AllocationConfig.ready`), so supply never imports
# allocation. Without it nothing is held and no request has a priority class.


@dataclass(frozen=True)
class AllocationReaders:
    places_held: Callable[[Iterable[int]], dict[int, tuple[int, int]]] = lambda opening_ids: {}
    priority_policy: Callable[[object, date], dict] = lambda desk, on: {}


_allocation = AllocationReaders()


def register_allocation(readers: AllocationReaders) -> None:
    global _allocation
    _allocation = readers


def places_held(opening_ids) -> dict[int, tuple[int, int]]:
    """Per opening: (places promised, places placed) by allocation's proposals and offers."""
    return _allocation.places_held(opening_ids)


def capacity_by_month(*, location: Location, on: date, months: int = 12) -> list[CapacityMonth]:
    """Month by month from `on`'s month: licensed places; children enrolled now (placements included); places
    promised (proposed or offered, not yet placed) from openings starting by then; and declared free places starting
    by then that nobody holds yet."""
    openings = list(
        Opening.objects.filter(location=location, withdrawn_at__isnull=True).values_list(
            "pk", "start_month", "count"
        )
    )
    held = places_held([pk for pk, _start, _count in openings])
    return _capacity_rows(location, openings, held, on=on, months=months)


def _capacity_rows(location, openings, held, *, on: date, months: int) -> list[CapacityMonth]:
    first = date(on.year, on.month, 1)
    rows = []
    for m in (add_months(first, i) for i in range(months)):
        started = [(pk, count) for pk, start, count in openings if start <= m]
        promised = sum(held.get(pk, (0, 0))[0] for pk, _count in started)
        free = sum(max(0, count - sum(held.get(pk, (0, 0)))) for pk, count in started)
        rows.append(
            CapacityMonth(
                month=m,
                licensed=location.licensed_capacity,
                enrolled=location.enrolled_total,
                promised=promised,
                free=free,
            )
        )
    return rows


def capacity_problems(*, on: date, desk_ids=None, location_ids=None, months: int = 12) -> list[dict]:
    """Locations whose declared free places, with the children enrolled and promised, exceed the licence in some
    month: a sign that places were filled (or promised) but not withdrawn. A fixed number of queries, however many
    locations: their open places and what holds them are read together."""
    # The open places filtered by plain joins: `location__in` a DISTINCT query of locations made PostgreSQL plan
    # nested loops that took minutes over all of Flanders' 5,400 locations.
    open_places = Opening.objects.filter(withdrawn_at__isnull=True, location__active=True)
    if desk_ids is not None:
        open_places = open_places.filter(location__municipality__desk_id__in=desk_ids)
    if location_ids is not None:
        open_places = open_places.filter(location_id__in=location_ids)
    openings_of: dict[int, list[tuple[int, date, int]]] = {}
    for location_id, pk, start, count in open_places.values_list(
        "location_id", "pk", "start_month", "count"
    ).order_by("location_id", "pk"):
        openings_of.setdefault(location_id, []).append((pk, start, count))
    held = places_held(open_places.values("pk"))
    locations = list(
        Location.objects.filter(pk__in=open_places.values("location_id"))
        .select_related("organiser")
        .order_by("name")
    )
    problems = []
    for location in locations:
        openings = openings_of.get(location.pk, [])
        rows = [row for row in _capacity_rows(location, openings, held, on=on, months=months) if row.over]
        if rows:
            problems.append({"location": location, "first_month": rows[0].month, "over": rows[0].over})
    return problems


# --- Requests that chose a location, as the provider sees them ---------------------------------------------------

CLASS_LABELS = {
    "urgent": _("Urgent (decided by the desk)"),
    "work_and_group": _("Work and a priority group"),
    "work": _("Work, job search or training"),
    "group": _("Priority group"),
    "sibling": _("Brother or sister at this location"),
    "work_four_fifths_sibling_foster": _("Work at least 4/5, sibling or foster child"),
}


def class_label(name: str):
    return CLASS_LABELS.get(name, name.replace("_", " "))


def priority_class(policy: dict, *, tariff: str, flags) -> tuple[int, str] | None:
    """The first priority class (position from 1, name) a request with `flags` has under `policy`'s rule for
    `tariff`, as FORMAT.md defines it; None when it has none of them (it comes after every class)."""
    rule = (policy.get("rules") or {}).get(tariff) or {}
    flags = set(flags)
    for position, entry in enumerate(rule.get("priority") or [], start=1):
        if isinstance(entry, str):
            name, when = entry, [[entry]]
        else:
            name, when = entry["name"], entry.get("when") or [[entry["name"]]]
        if any(all(flag in flags for flag in combination) for combination in when):
            return position, name
    return None


def request_flags(request, *, location_id: int) -> set[str]:
    """The flags a request carries at a location: its priority facts (and `vulnerable`), `urgent` when the desk
    marked it so, and `sibling` when a brother or sister is in care at that location."""
    flags = set(request.facts.flags())
    if request.urgent:
        flags.add("urgent")
    if location_id in {loc.pk for loc in request.siblings_at.all()}:
        flags.add("sibling")
    return flags


@dataclass
class ClassAtLocation:
    tariff: str
    tariff_label: str
    position: int | None
    label: str


@dataclass
class RequestForProvider:
    """What a provider sees of a request: no name, no income, no family facts beyond the class."""

    pk: int
    age_at_start_months: int
    born: bool
    weekdays: str
    start_earliest: date
    start_latest: date
    rank: int
    classes: list[ClassAtLocation] = field(default_factory=list)
    answer: ProviderAnswer | None = None
    answer_due: date | None = None

    def order_key(self, tariffs) -> tuple[int, ...]:
        """Class positions per tariff of the location (income-related first); no class, or a tariff the family
        does not accept, comes last."""
        positions = {c.tariff: c.position for c in self.classes}
        return tuple(positions.get(t) or 999 for t in tariffs)

    def overdue_on(self, on: date) -> bool:
        return self.answer is None and self.answer_due is not None and self.answer_due < on


def supply_settings_for(desk) -> SupplySettings:
    return SupplySettings.objects.filter(desk=desk).first() or SupplySettings(desk=desk)


def requests_for_location(*, location: Location, on: date) -> list[RequestForProvider]:
    """Waiting requests that chose `location`, with only what the provider needs, in the order the priority rules
    look at them here: by class (for a mix, the income-related class first, then the free-price one), then by
    registration (the Flemish tie-break; the date itself is not shown)."""
    return requests_for_locations(locations=[location], on=on)[location.pk]


def waiting_count_per_location(location_ids) -> dict[int, int]:
    """How many rows `requests_for_locations` gives each location (waiting requests that chose it), counted in the
    database: enough to page through them without ranking every location's list."""
    return waiting_requests_per_location(location_ids)


def requests_for_locations(*, locations, on: date) -> dict[int, list[RequestForProvider]]:
    """`requests_for_location` for several locations at once (the API's list of an organiser's requests): the
    same rows, read in a fixed number of queries however many locations and requests."""
    by_pk = {location.pk: location for location in locations}
    requests = requests_waiting_at(location_ids=by_pk).prefetch_related("siblings_at", "choices")
    answers = {
        (a.request_id, a.location_id): a for a in ProviderAnswer.objects.filter(location_id__in=list(by_pk))
    }
    requests = list(requests)
    desks = {request.desk_id: request.desk for request in requests}
    policies = {pk: _allocation.priority_policy(desk, on) for pk, desk in desks.items()}
    answering = set(
        SupplySettings.objects.filter(desk_id__in=list(desks), providers_answer_requests=True).values_list(
            "desk_id", flat=True
        )
    )
    rows: dict[int, list[RequestForProvider]] = {pk: [] for pk in by_pk}
    for request in requests:
        policy = policies[request.desk_id]
        birth = request.child.birth_or_due_date
        due = None
        if request.desk_id in answering:
            due = timezone.localdate(request.registered_at) + timedelta(
                days=request.desk.provider_answer_days
            )
        for choice in request.choices.all():
            location = by_pk.get(choice.location_id)
            if location is None:
                continue
            flags = request_flags(request, location_id=location.pk)
            classes = []
            for tariff in location.tariffs:
                if tariff not in request.accepted_tariffs:
                    continue
                found = priority_class(policy, tariff=tariff, flags=flags)
                classes.append(
                    ClassAtLocation(
                        tariff=tariff,
                        tariff_label=Tariff(tariff).label,
                        position=found[0] if found else None,
                        label=class_label(found[1]) if found else _("No priority class"),
                    )
                )
            rows[location.pk].append(
                RequestForProvider(
                    pk=request.pk,
                    age_at_start_months=max(0, months_between(birth, request.start_earliest)),
                    born=request.child.is_born,
                    weekdays=wd.label(request.weekdays_mask),
                    start_earliest=request.start_earliest,
                    start_latest=request.start_latest,
                    rank=choice.rank,
                    classes=classes,
                    answer=answers.get((request.pk, location.pk)),
                    answer_due=due,
                )
            )
    for pk, location_rows in rows.items():
        # Stable: ties stay in order of registration.
        location_rows.sort(key=lambda r, tariffs=by_pk[pk].tariffs: r.order_key(tariffs))
    return rows


# --- Time to answer (desks that let providers answer requests themselves) ----------------------------------------


@dataclass(frozen=True)
class AwaitedAnswer:
    request_id: int
    desk_id: int
    location: Location
    due: date
    days_overdue: int


def _choices_awaiting_answer(*, on: date, desk_ids=None, location_ids=None, overdue_only: bool = False):
    """The choices of waiting requests whose provider has not answered yet, at desks whose providers answer
    requests themselves; with `overdue_only`, those past their desk's `provider_answer_days`. In the database, so
    a page reads one page of them."""
    from django.db.models import Exists, OuterRef

    # Which desks let their providers answer is supply's own setting; demand gives their waiting choices.
    answering = SupplySettings.objects.filter(providers_answer_requests=True).values("desk_id")
    if desk_ids is not None:
        answering = answering.filter(desk_id__in=desk_ids)
    choices = (
        choices_waiting(desk_ids=answering, location_ids=location_ids)
        .exclude(
            Exists(
                ProviderAnswer.objects.filter(
                    request_id=OuterRef("request_id"), location_id=OuterRef("location_id")
                )
            )
        )
        .select_related("location__organiser")
    )
    if overdue_only:
        # Late when the due day (the local registration day + the desk's days) is before `on`: registered before
        # the start of the day `on - days`, in the desk's local time.
        late = Q(pk__in=[])
        for days, group in _per_desk_setting(desk_ids, "provider_answer_days").items():
            cutoff = timezone.make_aware(datetime.combine(on - timedelta(days=days), time.min))
            late |= Q(request__desk_id__in=group, request__registered_at__lt=cutoff)
        choices = choices.filter(late)
    return choices.order_by("request__registered_at", "request_id", "rank")


def awaited_answer(choice, *, on: date) -> AwaitedAnswer:
    request = choice.request
    due = timezone.localdate(request.registered_at) + timedelta(days=request.desk.provider_answer_days)
    return AwaitedAnswer(
        request_id=request.pk,
        desk_id=request.desk_id,
        location=choice.location,
        due=due,
        days_overdue=max(0, (on - due).days),
    )


def answers_awaited(
    *, on: date, desk_ids=None, location_ids=None, overdue_only: bool = False
) -> list[AwaitedAnswer]:
    """Waiting requests at desks whose providers answer requests themselves, per chosen location without an
    answer yet, with the day the answer is due (registration + the desk's `provider_answer_days`).

    With `overdue_only`, only those past their due day: the desk's queue escalates them."""
    choices = _choices_awaiting_answer(
        on=on, desk_ids=desk_ids, location_ids=location_ids, overdue_only=overdue_only
    )
    return [awaited_answer(choice, on=on) for choice in choices]


def answers_overdue(*, on: date, desk_ids=None, location_ids=None) -> list[AwaitedAnswer]:
    """Requests whose provider has not answered within the desk's target: for the desk's queue."""
    return answers_awaited(on=on, desk_ids=desk_ids, location_ids=location_ids, overdue_only=True)


def choices_overdue(*, on: date, desk_ids=None) -> QuerySet:
    """The same as `answers_overdue`, as a query of choices to page through (`awaited_answer` gives each row)."""
    return _choices_awaiting_answer(on=on, desk_ids=desk_ids, overdue_only=True)


def locations_of_desk(*, desk) -> QuerySet[Location]:
    """The active locations in the municipalities a desk (or the desk with this id) serves."""
    return Location.objects.filter(municipality__desk=desk, active=True)


def locations_active() -> QuerySet[Location]:
    """Every location that takes children now (the reports narrow it to their desks and areas)."""
    return Location.objects.filter(active=True)


def openings_with_ids(ids) -> QuerySet[Opening]:
    """These openings (withdrawn or not: the caller decides what a withdrawal means), with their location."""
    return Opening.objects.filter(pk__in=list(ids)).select_related("location")


def openings_not_withdrawn() -> QuerySet[Opening]:
    """Free places declared and not withdrawn, at any location."""
    return Opening.objects.filter(withdrawn_at__isnull=True)


# --- Free places as the providers' portal counts them (also read by the support desk's provider panel) ----------


def _free_places_declared(on: date | None = None):
    """Per location: the places of open (not withdrawn) declarations starting this month or later."""
    from django.db.models import IntegerField, OuterRef, Subquery, Sum
    from django.db.models.functions import Coalesce

    this_month = (on or timezone.localdate()).replace(day=1)
    declared = (
        Opening.objects.filter(
            location=OuterRef("pk"), withdrawn_at__isnull=True, start_month__gte=this_month
        )
        .values("location")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return Coalesce(Subquery(declared, output_field=IntegerField()), 0)


def with_free_places(locations: QuerySet[Location], *, on: date | None = None) -> QuerySet[Location]:
    """`locations` annotated with `free_places`. A subquery, not a join: joined with other rows (the choices), every
    opening would be counted once per row."""
    return locations.annotate(free_places=_free_places_declared(on))


def organiser_panel(*, organiser_id: int, on: date | None = None) -> dict:
    """What a support agent sees of an organiser: its active locations with capacity, children enrolled and free
    places (counted as on the provider's own portal), and how fast it answered families in the last twelve months."""
    import statistics

    organiser = Organiser.objects.filter(pk=organiser_id).first()
    if organiser is None:
        return {}
    locations = list(
        with_free_places(
            Location.objects.filter(organiser_id=organiser_id, active=True).order_by("name"), on=on
        )
    )
    since = timezone.now() - timedelta(days=365)
    days = [
        (answered - registered).days
        for answered, registered in ProviderAnswer.objects.filter(
            location__organiser_id=organiser_id, answered_at__gte=since
        ).values_list("answered_at", "request__registered_at")
        if registered is not None
    ]
    return {
        "organiser": organiser,
        "locations": locations,
        "capacity": sum(loc.licensed_capacity for loc in locations),
        "free_places": sum(loc.free_places for loc in locations),
        "answers": len(days),
        "answer_days": statistics.median(days) if days else None,
    }


def organisers_named(text: str, *, limit: int = 6) -> list[Organiser]:
    """Organisers whose name contains `text`, or whose enterprise number is `text`: for picking one by typing."""
    text = (text or "").strip()[:200]
    if not text:
        return []
    exact = list(Organiser.objects.filter(Q(name__iexact=text) | Q(enterprise_number=text.replace(".", ""))))
    if len(exact) == 1:
        return exact
    return list(Organiser.objects.filter(name__icontains=text).order_by("name")[:limit])


def postcode_place(code: str) -> str | None:
    """ "9800 Deinze" for a known Belgian postcode, else None."""
    postcode = postcode_by_code((code or "").strip())
    return f"{postcode.code} {postcode.municipality.name}" if postcode else None


def location_vocabulary() -> dict[str, list]:
    """The choices a location is described with, for other apps' forms (the support desk opening a starter's location)."""
    from .models import CareType, LegalForm, SubsidyStep, TariffRegime

    return {
        "care_type": CareType.choices,
        "legal_form": LegalForm.choices,
        "subsidy_step": SubsidyStep.choices,
        "tariff_regime": TariffRegime.choices,
    }


def area_supply(*, desk, on: date) -> dict:
    """The supply of a desk's area: active locations, licensed places, children enrolled, and free places declared for
    this month or later (not withdrawn)."""
    locations = locations_of_desk(desk=desk)
    supply = locations.aggregate(
        capacity=Sum("licensed_capacity"), enrolled=Sum("enrolled_total"), n=Count("pk")
    )
    free = Opening.objects.filter(
        location__in=locations, withdrawn_at__isnull=True, start_month__gte=on.replace(day=1)
    ).aggregate(n=Sum("count"))
    return {
        "locations": supply["n"] or 0,
        "capacity": supply["capacity"] or 0,
        "enrolled": supply["enrolled"] or 0,
        "free_places": free["n"] or 0,
    }


# --- For allocation: the locations a person may look at, and the places kept for urgent care -----------------------


def locations_visible_to(scope: Scope) -> QuerySet[Location]:
    """Locations a person may look at (a waiting list, say): those in the area of their desks, and a provider's own."""
    qs = Location.objects.select_related("organiser", "municipality")
    if scope.is_superuser:
        return qs
    return qs.filter(
        Q(municipality__desk_id__in=scope.desk_ids)
        | Q(organiser_id__in=scope.organiser_ids)
        | Q(pk__in=scope.location_ids)
    )


def openings_urgent_of_desks(desk_ids) -> QuerySet[Opening]:
    """Places kept for urgent care and not withdrawn, at the active locations of these desks' areas: the desk assigns
    them directly, so they need no fresh confirmation (unlike `openings_for_round`)."""
    return _openings_open(location__municipality__desk_id__in=desk_ids, urgent_only=True)


# --- For the desk apps, the guide and the pages: locations by desk and by id (other apps read supply here) ---------


def location_counts_by_desk() -> dict[int, int]:
    """Per desk: how many active locations its municipalities have (desks without any are left out)."""
    rows = locations_active().values("municipality__desk_id").annotate(n=Count("pk")).order_by()
    return {row["municipality__desk_id"]: row["n"] for row in rows}


def locations_with_ids(ids) -> QuerySet[Location]:
    """These locations (active or not: a family's earlier choice stays readable), with municipality and postcode."""
    return Location.objects.filter(pk__in=list(ids)).select_related("municipality", "postcode")


def opening_rows(ids) -> dict[int, dict]:
    """pk -> the fields a bulk history needs (location, tariff, start month, withdrawn) of these free places, as rows."""
    rows = Opening.objects.filter(pk__in=list(ids)).values(
        "pk", "location_id", "tariff", "start_month", "withdrawn_at"
    )
    return {row["pk"]: row for row in rows}
