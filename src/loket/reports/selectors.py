"""The figures behind every report, as SQL aggregates that run the same on SQLite and PostgreSQL.

Each selector takes a `ReportFilter` (desks, period, area, age band, tariff, priority group) and returns plain
numbers or a `Table`. Nothing here loops over request rows in Python: counts are conditional aggregates, time
to an offer or a placement is a histogram of whole days grouped in SQL (percentiles are read from it), and the
agency's yearly figures deduplicate children with window functions over the report summary (`models.RequestIdentity`,
one row per request, kept current by database triggers), which also gives the demand per area its home.

Where a request lives: the municipality and neighbourhood of the family's postcode (its home), because unmet
demand must show where families are, not where the few places are.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import wraps

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Floor, TruncMonth
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.allocation.policy import policy_for_desk
from loket.areas.models import Desk, Municipality, Postcode
from loket.demand.lifecycle import OPEN_STATUSES, Status
from loket.demand.models import ChildcareRequest, Choice, StatusChange
from loket.demand.priority import vulnerable_condition
from loket.supply.models import Location, Opening, Tariff, TariffRegime

from .tables import DAYS, RATIO, SHARE, TEXT, Column, Table, ratio, share

HOME_MUNICIPALITY = "child__family__postcode__municipality"
HOME_NEIGHBOURHOOD = "child__family__postcode__neighbourhood"
# The same home read from the report summary (RequestIdentity, one row per request, kept current by triggers): one
# join by primary key instead of request -> child -> family, for grouping a region's requests by area.
SUMMARY_HOME = "report_identity__home_postcode"


class DaysBetween(Func):
    """Days from the first expression to the second, as a fractional number, on SQLite and PostgreSQL."""

    output_field = FloatField()
    arity = 2

    def _parts(self, compiler):
        start, start_params = compiler.compile(self.source_expressions[0])
        end, end_params = compiler.compile(self.source_expressions[1])
        return start, end, [*end_params, *start_params]

    def as_sqlite(self, compiler, connection, **extra):
        start, end, params = self._parts(compiler)
        return f"(julianday({end}) - julianday({start}))", params

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL and others
        start, end, params = self._parts(compiler)
        return f"(EXTRACT(EPOCH FROM (({end})::timestamp - ({start})::timestamp)) / 86400.0)", params


# Age bands: the child's age at the desired start, from the birth date (or the due date when not yet born).
AGE_BANDS = {
    "under_1": (_("Under 1 year"), 0, 365),
    "1_to_2": (_("1 to 2 years"), 365, 730),
    "2_plus": (_("2 years and older"), 730, None),
}

PRIORITY_FACTS = ("work", "single_parent", "low_income", "foster")

GROUPS = {
    "vulnerable": _("Vulnerable family (reserve-eligible)"),
    "priority": _("Priority group (any priority fact)"),
    "work": _("Work, job search or training"),
    "single_parent": _("Single parent"),
    "low_income": _("Low income"),
    "foster": _("Foster child"),
    "health_or_care": _("Health or care situation"),
    "no_diploma": _("No secondary-school diploma"),
    "urgent": _("Urgent"),
}

TARIFFS = {Tariff.INCOME: Tariff.INCOME.label, Tariff.FREE: Tariff.FREE.label}


def group_q(name: str, prefix: str = "") -> Q:
    if name == "vulnerable":
        return vulnerable_condition(prefix)
    if name == "priority":
        q = Q()
        for fact in PRIORITY_FACTS:
            q |= Q(**{f"{prefix}{fact}": True})
        return q
    if name in GROUPS:
        return Q(**{f"{prefix}{name}": True})
    raise KeyError(name)


@dataclass(frozen=True)
class ReportFilter:
    desk_ids: tuple[int, ...] | None = None  # None: every desk (the regional agency)
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    municipality_id: int | None = None
    neighbourhood_id: int | None = None
    age_band: str = ""
    tariff: str = ""
    group: str = ""
    today: date = field(default_factory=timezone.localdate)

    def start(self):
        return _moment(self.date_from) if self.date_from else None

    def end(self):
        return _moment(self.date_to + timedelta(days=1)) if self.date_to else None

    def months(self) -> list[date]:
        first = (self.date_from or self.today.replace(day=1) - timedelta(days=365)).replace(day=1)
        last = (self.date_to or self.today).replace(day=1)
        months = []
        while first <= last:
            months.append(first)
            first = (first + timedelta(days=32)).replace(day=1)
        return months


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def request_q(f: ReportFilter, prefix: str = "", *, period: bool = True) -> Q:
    """The filter's conditions on childcare requests; `prefix` reaches requests through a relation."""
    q = Q()
    if f.desk_ids is not None:
        q &= Q(**{f"{prefix}desk_id__in": f.desk_ids})
    if period and f.date_from:
        q &= Q(**{f"{prefix}registered_at__gte": f.start()})
    if period and f.date_to:
        q &= Q(**{f"{prefix}registered_at__lt": f.end()})
    if f.municipality_id:
        q &= Q(**{f"{prefix}{HOME_MUNICIPALITY}_id": f.municipality_id})
    if f.neighbourhood_id:
        q &= Q(**{f"{prefix}{HOME_NEIGHBOURHOOD}_id": f.neighbourhood_id})
    if f.tariff == Tariff.INCOME:
        q &= Q(**{f"{prefix}accepts_income_tariff": True})
    elif f.tariff == Tariff.FREE:
        q &= Q(**{f"{prefix}accepts_free_price": True})
    if f.group:
        q &= group_q(f.group, prefix)
    if f.age_band:
        _, low, high = AGE_BANDS[f.age_band]
        age = DaysBetween(
            Coalesce(F(f"{prefix}child__birth_date"), F(f"{prefix}child__due_date")),
            F(f"{prefix}start_earliest"),
        )
        q &= Q(GreaterThanOrEqual(age, Value(low)))
        if high is not None:
            q &= Q(LessThan(age, Value(high)))
    return q


def requests_in(f: ReportFilter, *, period: bool = True):
    return ChildcareRequest.objects.filter(request_q(f, period=period))


def locations_in(f: ReportFilter):
    """Active locations in the desks' municipalities, narrowed by area and tariff (a mix counts for both)."""
    qs = Location.objects.filter(active=True)
    if f.desk_ids is not None:
        qs = qs.filter(municipality__desk_id__in=f.desk_ids)
    if f.municipality_id:
        qs = qs.filter(municipality_id=f.municipality_id)
    if f.neighbourhood_id:
        qs = qs.filter(neighbourhood_id=f.neighbourhood_id)
    if f.tariff == Tariff.INCOME:
        qs = qs.filter(tariff_regime__in=(TariffRegime.INCOME, TariffRegime.MIX))
    elif f.tariff == Tariff.FREE:
        qs = qs.filter(tariff_regime__in=(TariffRegime.FREE, TariffRegime.MIX))
    return qs


def tuned(fn):
    """Run a report query with room to sort and hash in memory. On PostgreSQL: a larger work_mem for this
    transaction only (reports sort and group a year of requests at once; the default 4 MB spills them to disk)
    and no JIT compilation (it costs more than it saves on these short aggregates). Elsewhere: unchanged."""

    @wraps(fn)
    def wrapped(*args, **kwargs):
        from django.db import connection, transaction

        if connection.vendor != "postgresql":
            return fn(*args, **kwargs)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '64MB'")
                cursor.execute("SET LOCAL jit = off")
            return fn(*args, **kwargs)

    return wrapped


def _flag(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _sums(queryset, flags: dict, sums: dict[str, tuple[str, ...]]) -> dict:
    """Sums of products of 0/1 flags, computed over `queryset` in one pass: the flags are evaluated once per
    row in a subquery (an EXISTS in a flag runs once, not once per sum), then summed by the database."""
    from django.db import connection

    sql, params = queryset.annotate(**flags).values(*flags).query.sql_with_params()
    terms = ", ".join(
        f"COALESCE(SUM({' * '.join(connection.ops.quote_name(f) for f in factors) or '1'}), 0)"
        for factors in sums.values()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {terms} FROM ({sql}) flags", params)  # noqa: S608 - names are our own keys
        return dict(zip(sums, cursor.fetchone(), strict=True))


def _offered_flag() -> Case:
    """Got an offer: at least one move to "offered", or a place (a desk may place directly, without an offer).
    An EXISTS per request on the (to_status, request_id) index, evaluated once per request."""
    offered = StatusChange.objects.filter(request_id=OuterRef("pk"), to_status=Status.OFFERED)
    return _flag(Exists(offered) | Q(status=Status.PLACED))


INCOME_PLACES = Case(
    When(tariff_regime=TariffRegime.INCOME, then=F("licensed_capacity")),
    When(tariff_regime=TariffRegime.MIX, then=F("income_places")),
    default=Value(0),
    output_field=IntegerField(),
)


# Key figures ---------------------------------------------------------------------------------------------------


def request_figures(f: ReportFilter) -> dict:
    """Requests registered in the period, and what became of them (their status now)."""
    open_ = Q(status__in=OPEN_STATUSES)
    return requests_in(f).aggregate(
        registered=Count("pk"),
        placed=Count("pk", filter=Q(status=Status.PLACED)),
        waiting=Count("pk", filter=open_),
        offered_now=Count("pk", filter=Q(status__in=(Status.OFFERED, Status.ACCEPTED))),
        withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN)),
        expired=Count("pk", filter=Q(status=Status.EXPIRED)),
        unmet=Count("pk", filter=open_ & Q(start_earliest__lt=f.today)),
        vulnerable=Count("pk", filter=vulnerable_condition()),
        priority=Count("pk", filter=group_q("priority")),
    )


def supply_figures(f: ReportFilter) -> dict:
    locations = locations_in(f)
    figures = locations.aggregate(
        locations=Count("pk"),
        licensed=Coalesce(Sum("licensed_capacity"), 0),
        income_places=Coalesce(Sum(INCOME_PLACES), 0),
        filled=Coalesce(Sum("enrolled_total"), 0),
    )
    openings = Opening.objects.filter(location__in=locations, withdrawn_at__isnull=True)
    if f.tariff:
        openings = openings.filter(tariff=f.tariff)
    figures["free"] = openings.aggregate(n=Coalesce(Sum("count"), 0))["n"]
    figures["free_price_places"] = figures["licensed"] - figures["income_places"]
    return figures


@tuned
def key_figures_table(f: ReportFilter) -> Table:
    r, s = request_figures(f), supply_figures(f)
    rows = [
        (_("Requests registered in the period"), r["registered"]),
        (_("of which placed"), r["placed"]),
        (_("of which still waiting"), r["waiting"]),
        (_("of which withdrawn"), r["withdrawn"]),
        (_("of which expired"), r["expired"]),
        (_("Unmet demand: waiting past the desired start"), r["unmet"]),
        (_("Requests from vulnerable families"), r["vulnerable"]),
        (_("Requests from priority-group families"), r["priority"]),
        (_("Licensed places"), s["licensed"]),
        (_("of which income-related"), s["income_places"]),
        (_("of which free price"), s["free_price_places"]),
        (_("Places filled (children enrolled)"), s["filled"]),
        (_("Free places declared"), s["free"]),
    ]
    return Table(
        key="key_figures",
        title=str(_("Key figures")),
        columns=(Column("figure", str(_("Figure")), TEXT), Column("value", str(_("Number")))),
        rows=tuple({"figure": str(label), "value": value} for label, value in rows),
        note=str(_("Requests: registered in the period, with their status today. Places: today.")),
    )


# Trends --------------------------------------------------------------------------------------------------------


def _month_key(value) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


@tuned
def monthly_trend_table(f: ReportFilter) -> Table:
    """Per month: requests registered, offers made, placements and withdrawals (by the date they happened)."""
    months = f.months()
    counts: dict[str, dict[date, int]] = defaultdict(dict)
    registered = (
        requests_in(f).annotate(month=TruncMonth("registered_at")).values("month").annotate(n=Count("pk"))
    )
    for row in registered:
        counts["registered"][_month_key(row["month"])] = row["n"]
    changes = StatusChange.objects.filter(
        request_q(f, "request__", period=False),
        to_status__in=(Status.OFFERED, Status.PLACED, Status.WITHDRAWN),
        at__gte=_moment(months[0]),
        at__lt=_moment((months[-1] + timedelta(days=32)).replace(day=1)),
    )
    # order_by(): the default ordering (by request) would join every change to its request for nothing.
    by_month = changes.annotate(month=TruncMonth("at")).values("month", "to_status").annotate(n=Count("pk"))
    for row in by_month.order_by():
        counts[row["to_status"]][_month_key(row["month"])] = row["n"]
    columns = (
        Column("month", str(_("Month")), TEXT),
        Column("registered", str(_("Registered"))),
        Column("offered", str(_("Offers made"))),
        Column("placed", str(_("Placed"))),
        Column("withdrawn", str(_("Withdrawn"))),
    )
    rows = tuple(
        {
            "month": m.strftime("%Y-%m"),
            **{k: counts[k].get(m, 0) for k in ("registered", "offered", "placed", "withdrawn")},
        }
        for m in months
    )
    return Table("trend", str(_("Requests per month")), columns, rows)


# Where demand and supply are -----------------------------------------------------------------------------------


@tuned
def area_table(f: ReportFilter, *, level: str = "neighbourhood") -> Table:
    """Waiting requests and unmet demand (by the family's home) against places (by location), per area."""
    unknown = str(_("Unknown (no postcode)"))
    if level == "municipality":
        demand_key, supply_key = f"{SUMMARY_HOME}__municipality__name", "municipality__name"
        title, label = _("Demand and supply per municipality"), _("Municipality")
    else:
        demand_key, supply_key = f"{SUMMARY_HOME}__neighbourhood__name", "neighbourhood__name"
        title, label = _("Demand and supply per neighbourhood"), _("Neighbourhood")
    open_ = Q(status__in=OPEN_STATUSES)
    demand = (
        requests_in(f)
        .values(area=F(demand_key))
        .annotate(
            registered=Count("pk"),
            waiting=Count("pk", filter=open_),
            unmet=Count("pk", filter=open_ & Q(start_earliest__lt=f.today)),
        )
        .order_by()
    )
    supply = locations_in(f).values(area=F(supply_key)).annotate(licensed=Sum("licensed_capacity")).order_by()
    openings = Opening.objects.filter(location__in=locations_in(f), withdrawn_at__isnull=True)
    if f.tariff:
        openings = openings.filter(tariff=f.tariff)
    free = openings.values(area=F(f"location__{supply_key}")).annotate(free=Sum("count")).order_by()
    table: dict[str, dict] = defaultdict(
        lambda: {"registered": 0, "waiting": 0, "unmet": 0, "licensed": 0, "free": 0}
    )
    for rows in (demand, supply, free):
        for row in rows:
            area = row.pop("area") or unknown
            for key, value in row.items():
                table[area][key] += value or 0
    total_unmet = sum(v["unmet"] for v in table.values())
    rows = tuple(
        {
            "area": area,
            **values,
            "unmet_share": share(values["unmet"], total_unmet),
            "places_per_waiting": ratio(values["licensed"], values["waiting"]),
        }
        for area, values in sorted(table.items(), key=lambda item: (-item[1]["unmet"], item[0]))
    )
    columns = (
        Column("area", str(label), TEXT),
        Column("registered", str(_("Registered"))),
        Column("waiting", str(_("Waiting"))),
        Column("unmet", str(_("Unmet demand"))),
        Column("unmet_share", str(_("Share of unmet demand")), SHARE, ("unmet",)),
        Column("licensed", str(_("Licensed places"))),
        Column("free", str(_("Free places"))),
        Column("places_per_waiting", str(_("Places per waiting request")), RATIO, ("waiting",)),
    )
    return Table(
        f"areas_{level}",
        str(title),
        columns,
        rows,
        note=str(_("Sorted by unmet demand: where most families wait past their desired start comes first.")),
    )


# Time to an offer and to a place --------------------------------------------------------------------------------


def _histogram(changes, start_field: str) -> dict[int, int]:
    days = Floor(DaysBetween(start_field, "at"))
    # COUNT(*), not COUNT(id): the changes are then read from the (to_status, request_id, at) index alone.
    rows = changes.annotate(days=Cast(days, IntegerField())).values("days").annotate(n=Count("*")).order_by()
    return {row["days"]: row["n"] for row in rows}


def offer_days_histogram(f: ReportFilter) -> dict[int, int]:
    """Whole days from registration to the first offer, per request that got one."""
    earlier_offer = StatusChange.objects.filter(
        request_id=OuterRef("request_id"), to_status=Status.OFFERED, at__lt=OuterRef("at")
    )
    first_offers = StatusChange.objects.filter(request_q(f, "request__"), to_status=Status.OFFERED).exclude(
        Exists(earlier_offer)
    )
    return _histogram(first_offers, "request__registered_at")


def placement_days_histogram(f: ReportFilter) -> dict[int, int]:
    placements = StatusChange.objects.filter(request_q(f, "request__"), to_status=Status.PLACED)
    return _histogram(placements, "request__registered_at")


def percentile(histogram: dict[int, int], p: float) -> int | None:
    """Nearest-rank percentile of a {value: count} histogram: the smallest value with ≥ p of the counts at or
    below it."""
    total = sum(histogram.values())
    if not total:
        return None
    needed = math.ceil(p * total)
    running = 0
    for value in sorted(histogram):
        running += histogram[value]
        if running >= needed:
            return value
    return max(histogram)


@tuned
def durations_table(f: ReportFilter) -> Table:
    rows = []
    for key, label, histogram in (
        ("offer", _("Registration to first offer"), offer_days_histogram(f)),
        ("placement", _("Registration to placement"), placement_days_histogram(f)),
    ):
        rows.append(
            {
                "key": key,
                "measure": str(label),
                "n": sum(histogram.values()),
                "median": percentile(histogram, 0.5),
                "p90": percentile(histogram, 0.9),
                "histogram": histogram,
            }
        )
    return Table(
        "durations",
        str(_("Time from registration to offer and to placement (days)")),
        (
            Column("measure", str(_("Measure")), TEXT),
            Column("n", str(_("Requests"))),
            Column("median", str(_("Median (days)")), DAYS, ("n",)),
            Column("p90", str(_("90th percentile (days)")), DAYS, ("n",)),
        ),
        tuple(rows),
        note=str(_("Counted from the status history: the first offer and the placement of each request.")),
    )


WAIT_BUCKETS = ((0, 30), (30, 60), (60, 90), (90, 180), (180, 270), (270, 365), (365, None))


@tuned
def wait_distribution_table(f: ReportFilter) -> Table:
    histogram = placement_days_histogram(f)
    rows = []
    for low, high in WAIT_BUCKETS:
        n = sum(c for d, c in histogram.items() if d >= low and (high is None or d < high))
        label = f"{low}–{high - 1}" if high is not None else f"≥ {low}"
        rows.append({"days": label, "placed": n})
    return Table(
        "wait_distribution",
        str(_("Waiting time until placement")),
        (Column("days", str(_("Days waited")), TEXT), Column("placed", str(_("Children placed")))),
        tuple(rows),
    )


@tuned
def declines_table(f: ReportFilter) -> Table:
    """Offers made and declined, and the reasons families gave (most frequent first)."""
    # Only offers and declines count: filtered here too, so the (to_status, request_id, at) index can pick them.
    changes = StatusChange.objects.filter(
        request_q(f, "request__"), to_status__in=(Status.OFFERED, Status.DECLINED)
    )
    totals = changes.aggregate(
        # Counting a column of the (to_status, request_id, at) index lets the database read that index alone.
        offers=Count("to_status", filter=Q(to_status=Status.OFFERED)),
        declined=Count("to_status", filter=Q(to_status=Status.DECLINED)),
    )
    reasons = (
        changes.filter(to_status=Status.DECLINED)
        .values("reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "reason")[:10]
    )
    rows = tuple(
        {
            "reason": row["reason"] or str(_("No reason given")),
            "declined": row["n"],
            "share": share(row["n"], totals["declined"]),
        }
        for row in reasons
    )
    return Table(
        "declines",
        str(_("Offers declined and why")),
        (
            Column("reason", str(_("Reason")), TEXT),
            Column("declined", str(_("Declined"))),
            Column("share", str(_("Share of declines")), SHARE, ("declined",)),
        ),
        rows,
        note=str(_("%(offers)s offers made, %(declined)s declined in the period.") % totals),
        totals={"reason": str(_("All offers declined")), "declined": totals["declined"], "share": None},
        merge_small_rows=str(_("Other reasons (each given fewer than 5 times)")),
    )


def _placement_model():
    """The allocation app's placements (location and contract), when that app has them."""
    try:
        from loket.allocation.models import Placement
    except ImportError:  # pragma: no cover - an allocation app without placements
        return None
    return Placement


@tuned
def first_choice_table(f: ReportFilter) -> Table:
    """Of the requests placed, how many got the location they ranked first, second, third or later. Read from
    the placements the providers recorded; a request placed without a recorded placement counts as unknown."""
    placed = requests_in(f).filter(status=Status.PLACED)
    total = placed.count()
    counts = {"1": 0, "2": 0, "3": 0, "other": 0}
    Placement = _placement_model()
    if Placement is not None and total:
        rank = Subquery(
            Choice.objects.filter(
                request_id=OuterRef("request_id"), location_id=OuterRef("location_id")
            ).values("rank")[:1]
        )
        bucket = Case(
            When(choice_rank=1, then=Value("1")),
            When(choice_rank=2, then=Value("2")),
            When(choice_rank__gte=3, then=Value("3")),
            default=Value("other"),
        )
        rows = (
            Placement.objects.filter(request__in=placed)
            .annotate(choice_rank=rank)
            .annotate(bucket=bucket)
            .values("bucket")
            .annotate(n=Count("request_id", distinct=True))
            .order_by()
        )
        for row in rows:
            counts[row["bucket"]] += row["n"]
    recorded = sum(counts.values())
    labels = {
        "1": _("At their first choice"),
        "2": _("At their second choice"),
        "3": _("At their third choice or later"),
        "other": _("At a location they had not chosen"),
    }
    out = [
        {"choice": str(labels[key]), "placed": counts[key], "share": share(counts[key], recorded)}
        for key in ("1", "2", "3", "other")
    ]
    out.append(
        {"choice": str(_("Placement not recorded in Loket")), "placed": total - recorded, "share": None}
    )
    return Table(
        "first_choice",
        str(_("First-choice rate: where placed children got their place")),
        (
            Column("choice", str(_("Choice")), TEXT),
            Column("placed", str(_("Children placed"))),
            Column("share", str(_("Share of recorded placements")), SHARE, ("placed",)),
        ),
        tuple(out),
        note=str(_("Requests registered in the period and placed today.")),
        totals={"choice": str(_("All placed")), "placed": total, "share": None},
    )


# Fair access ----------------------------------------------------------------------------------------------------


@tuned
def fair_access_table(f: ReportFilter) -> Table:
    """Share of each group among applicants, among those offered a place and among those placed; a ratio below
    1 means the group is served less than its share of the demand (the Matthew effect)."""
    flags = {"f_offered": _offered_flag(), "f_placed": _flag(Q(status=Status.PLACED))}
    sums = {"all_applicants": (), "all_offered": ("f_offered",), "all_placed": ("f_placed",)}
    for name in GROUPS:
        flags[f"g_{name}"] = _flag(group_q(name))
        sums[f"{name}_applicants"] = (f"g_{name}",)
        sums[f"{name}_offered"] = (f"g_{name}", "f_offered")
        sums[f"{name}_placed"] = (f"g_{name}", "f_placed")
    n = _sums(requests_in(f), flags, sums)
    rows = []
    for name, label in GROUPS.items():
        a, o, p = n[f"{name}_applicants"], n[f"{name}_offered"], n[f"{name}_placed"]
        share_a = share(a, n["all_applicants"])
        share_o = share(o, n["all_offered"])
        share_p = share(p, n["all_placed"])
        rows.append(
            {
                "group": str(label),
                "applicants": a,
                "share_applicants": share_a,
                "offered": o,
                "share_offered": share_o,
                "placed": p,
                "share_placed": share_p,
                "ratio_offered": ratio(share_o, share_a),
                "ratio_placed": ratio(share_p, share_a),
            }
        )
    return Table(
        "fair_access",
        str(_("Fair access: share of each group among applicants, offers and placements")),
        (
            Column("group", str(_("Group")), TEXT),
            Column("applicants", str(_("Applicants"))),
            Column("share_applicants", str(_("Share of applicants")), SHARE, ("applicants",)),
            Column("offered", str(_("Offered a place"))),
            Column("share_offered", str(_("Share of offers")), SHARE, ("offered",)),
            Column("placed", str(_("Placed"))),
            Column("share_placed", str(_("Share of placements")), SHARE, ("placed",)),
            Column("ratio_offered", str(_("Ratio offers / applicants")), RATIO, ("offered", "applicants")),
            Column("ratio_placed", str(_("Ratio placements / applicants")), RATIO, ("placed", "applicants")),
        ),
        tuple(rows),
        note=str(
            _(
                "A ratio below 1 means the group gets fewer offers or places than its share of the applicants. "
                "Groups overlap: one family can be in several."
            )
        ),
        totals={
            "group": str(_("All requests")),
            "applicants": n["all_applicants"],
            "offered": n["all_offered"],
            "placed": n["all_placed"],
        },
    )


def _first_choices(f: ReportFilter, key: str) -> dict:
    """Requests (and vulnerable ones) that ranked a location first, grouped by `key` of the location. Counted
    from the choices, not by joining every location to every choice, so the region stays fast."""
    rows = (
        Choice.objects.filter(request_q(f, "request__"), rank=1, location__in=locations_in(f))
        .values(group=F(f"location__{key}"))
        .annotate(
            first_choice=Count("pk"),
            first_choice_vulnerable=Count("pk", filter=vulnerable_condition("request__")),
        )
        .order_by()
    )
    return {row["group"]: row for row in rows}


@tuned
def fair_access_by_location_table(f: ReportFilter) -> Table:
    """Per location: vulnerable families among those who chose it first, against vulnerable families among the
    children it cares for now; per tariff regime too (income-related, free price, mix)."""
    chosen = _first_choices(f, "id")
    regimes = dict(TariffRegime.choices)
    out = []
    for row in (
        locations_in(f)
        .values("pk", "name", "tariff_regime", "enrolled_total", "enrolled_reserve_eligible")
        .order_by("name", "pk")
    ):
        first = chosen.get(row["pk"], {})
        fc, fcv = first.get("first_choice", 0), first.get("first_choice_vulnerable", 0)
        share_applicants = share(fcv, fc)
        share_enrolled = share(row["enrolled_reserve_eligible"], row["enrolled_total"])
        out.append(
            {
                "location": row["name"],
                "regime": str(regimes[row["tariff_regime"]]),
                "first_choice": fc,
                "first_choice_vulnerable": fcv,
                "share_applicants": share_applicants,
                "enrolled": row["enrolled_total"],
                "enrolled_vulnerable": row["enrolled_reserve_eligible"],
                "share_enrolled": share_enrolled,
                "ratio": ratio(share_enrolled, share_applicants),
            }
        )
    return Table(
        "fair_access_locations",
        str(_("Fair access per location: vulnerable families among applicants and among children in care")),
        _fair_location_columns(str(_("Location"))),
        tuple(out),
    )


def _fair_location_columns(first_label: str) -> tuple:
    return (
        Column("location", first_label, TEXT),
        Column("regime", str(_("Tariff")), TEXT),
        Column("first_choice", str(_("Requests with it as first choice"))),
        Column("first_choice_vulnerable", str(_("of which vulnerable"))),
        Column(
            "share_applicants",
            str(_("Share vulnerable among applicants")),
            SHARE,
            ("first_choice_vulnerable",),
        ),
        Column("enrolled", str(_("Children in care"))),
        Column("enrolled_vulnerable", str(_("of which vulnerable"))),
        Column("share_enrolled", str(_("Share vulnerable in care")), SHARE, ("enrolled_vulnerable",)),
        Column(
            "ratio",
            str(_("Ratio in care / applicants")),
            RATIO,
            ("enrolled_vulnerable", "first_choice_vulnerable"),
        ),
    )


@tuned
def fair_access_by_tariff_table(f: ReportFilter) -> Table:
    applicants = _first_choices(f, "tariff_regime")
    enrolled = {
        row["tariff_regime"]: row
        for row in locations_in(f)
        .values("tariff_regime")
        .annotate(enrolled=Sum("enrolled_total"), enrolled_vulnerable=Sum("enrolled_reserve_eligible"))
        .order_by()
    }
    rows = []
    for regime, label in TariffRegime.choices:
        a, e = applicants.get(regime, {}), enrolled.get(regime, {})
        fc, fcv = a.get("first_choice", 0), a.get("first_choice_vulnerable", 0)
        en, env = e.get("enrolled") or 0, e.get("enrolled_vulnerable") or 0
        sa, se = share(fcv, fc), share(env, en)
        rows.append(
            {
                "location": str(label),
                "regime": str(label),
                "first_choice": fc,
                "first_choice_vulnerable": fcv,
                "share_applicants": sa,
                "enrolled": en,
                "enrolled_vulnerable": env,
                "share_enrolled": se,
                "ratio": ratio(se, sa),
            }
        )
    columns = tuple(c for c in _fair_location_columns(str(_("Tariff"))) if c.key != "regime")
    return Table(
        "fair_access_tariffs",
        str(_("Fair access per tariff: income-related versus free-price places")),
        columns,
        tuple(rows),
    )


@tuned
def reserve_progress_table(f: ReportFilter) -> Table:
    """Each income-related location against the reserve target of its desk's priority rules (20 % by default)."""
    rows = (
        locations_in(f)
        .filter(tariff_regime__in=(TariffRegime.INCOME, TariffRegime.MIX))
        .values("name", "municipality__desk_id", "enrolled_total", "enrolled_reserve_eligible")
        .order_by("name")
    )
    desk_ids = {row["municipality__desk_id"] for row in rows}
    targets = {}
    for desk in Desk.objects.filter(pk__in=desk_ids):
        reserve = policy_for_desk(desk, f.today).policy["rules"]["income"].get("reserve") or {}
        targets[desk.pk] = reserve.get("target_share")
    out = []
    for row in rows:
        target = targets.get(row["municipality__desk_id"])
        enrolled, eligible = row["enrolled_total"], row["enrolled_reserve_eligible"]
        needed = math.ceil(target * enrolled - 1e-9) if target is not None else None
        out.append(
            {
                "location": row["name"],
                "enrolled": enrolled,
                "eligible": eligible,
                "share": share(eligible, enrolled),
                "target": target,
                "needed": needed,
                "gap": max(needed - eligible, 0) if needed is not None else None,
                "progress": min(eligible / needed, 1.0) if needed else (1.0 if needed == 0 else None),
            }
        )
    out.sort(key=lambda r: (-(r["gap"] or 0), r["location"]))
    return Table(
        "reserve",
        str(_("Progress toward the reserve for vulnerable families (income-related locations)")),
        (
            Column("location", str(_("Location")), TEXT),
            Column("enrolled", str(_("Children in care"))),
            Column("eligible", str(_("from vulnerable families"))),
            Column("share", str(_("Share now")), SHARE, ("eligible",)),
            Column("target", str(_("Target share")), SHARE),
            Column("needed", str(_("Children needed for the target"))),
            Column("gap", str(_("Still to reach"))),
            Column("progress", str(_("Progress")), SHARE, ("eligible",)),
        ),
        tuple(out),
        note=str(_("The target comes from the priority rules the desk applies today.")),
    )


# The agency's yearly figures -------------------------------------------------------------------------------------


def _year_bounds(year: int):
    return _moment(date(year, 1, 1)), _moment(date(year + 1, 1, 1))


# One child, whichever desk registered it: the national-number hash when known; else the child's first name, date
# of birth and the surname of the family's primary guardian ("name and date of birth"); a child known only by
# name at one desk and by number at another is matched through the name (the number found under that name wins).
# The requests come from the report summary (RequestIdentity, kept current by triggers): an indexed scan instead of
# joining a year's requests to their children, families and guardians. Most children have a number, which is their
# identity; the few without one are read through a partial index, and only the requests sharing their name key are
# partitioned by name. `{requests}` selects the year's requests (expired ones left out) as `s`, `{unnumbered}` the
# same as `u`.
IDENTITY_SQL = """
WITH named AS (
    SELECT s.request_id AS id, s.number_key, s.name_key
    FROM {identity} s
    WHERE {requests} AND s.name_key IN (
        SELECT u.name_key FROM {identity} u
        WHERE {unnumbered} AND u.number_key IS NULL AND u.name_key IS NOT NULL
    )
),
by_name AS (
    SELECT n.id, COALESCE(
        MAX(n.number_key) OVER (PARTITION BY n.name_key{binary}), 'name:' || n.name_key
    ) AS identity
    FROM named n
),
identified AS (
    SELECT {columns}, s.number_key AS identity
    FROM {identity} s
    WHERE {requests} AND s.number_key IS NOT NULL
    UNION ALL
    SELECT {columns}, COALESCE(n.identity, 'child:' || CAST(s.child_id AS TEXT)) AS identity
    FROM {identity} s LEFT JOIN by_name n ON n.id = s.request_id
    WHERE {requests} AND s.number_key IS NULL
)
"""
IDENTITY_COLUMNS = (
    "s.request_id AS id, s.registered_at, s.status, s.desk_id, s.family_id, s.home_postcode_id, "
    "s.priority, s.number_key"
)

# One window (the same for both functions, so the database sorts and scans once): the first request of each child
# and whether any of its requests got a place.
AGENCY_SQL = """
, year_requests AS (
    SELECT i.id, i.family_id, i.priority, i.home_postcode_id,
           ROW_NUMBER() OVER w AS nth,
           MAX(CASE WHEN i.status = %s THEN 1 ELSE 0 END) OVER w AS got_place
    FROM identified i
    WINDOW w AS (
        PARTITION BY i.identity{binary} ORDER BY i.registered_at, i.id
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    )
)
SELECT area_id,
       COUNT(*) AS children,
       COUNT(DISTINCT family_id) AS applicants,
       SUM(got_place) AS answered,
       SUM(priority) AS priority_children,
       SUM(priority * got_place) AS priority_answered
FROM (
    -- The first choice's municipality is looked up only for a family without a known home.
    SELECT y.family_id, y.got_place, y.priority, COALESCE(p.municipality_id, (
               SELECT l.municipality_id FROM {choice} ch JOIN {location} l ON l.id = ch.location_id
               WHERE ch.request_id = y.id AND ch.rank = 1
           )) AS area_id
    FROM year_requests y
    LEFT JOIN {postcode} p ON p.id = y.home_postcode_id
    WHERE y.nth = 1
) counted
GROUP BY area_id
"""

# Per desk: its children (identities), those also known at another desk, and of those the ones with a national
# number at more than one desk. Most children are known at one desk only: they are counted straight from `spread`;
# only the few known at several desks are looked at desk by desk. `{reported}` narrows `spread` to the children
# of the desks reported on (every desk is still searched for them).
DUPLICATES_SQL = """
, spread AS (
    SELECT identity, MIN(desk_id) AS first_desk, MAX(desk_id) AS last_desk
    FROM identified {reported}
    GROUP BY identity
),
shared AS (
    SELECT i.desk_id, i.identity, MAX(CASE WHEN i.number_key IS NOT NULL THEN 1 ELSE 0 END) AS has_number
    FROM identified i JOIN spread s ON s.identity = i.identity
    WHERE s.first_desk <> s.last_desk
    GROUP BY i.desk_id, i.identity
),
shared_spread AS (
    SELECT identity, SUM(has_number) AS desks_with_number FROM shared GROUP BY identity
),
counted AS (
    SELECT first_desk AS desk_id, 0 AS duplicate, 0 AS by_number FROM spread WHERE first_desk = last_desk
    UNION ALL
    SELECT d.desk_id, 1 AS duplicate, CASE WHEN s.desks_with_number > 1 THEN 1 ELSE 0 END AS by_number
    FROM shared d JOIN shared_spread s ON s.identity = d.identity
)
SELECT desk_id, COUNT(*) AS children, SUM(duplicate) AS duplicates, SUM(by_number) AS by_number
FROM counted
{output_condition}
GROUP BY desk_id
"""


def _desk_in(column: str, desk_ids) -> tuple[str, list]:
    if desk_ids is None:
        return "", []
    desk_ids = list(desk_ids) or [0]
    return f"{column} IN ({', '.join(['%s'] * len(desk_ids))})", desk_ids


def _run_identity_query(tail: str, *, year: int, desk_ids, tail_params=(), **tail_format) -> list[dict]:
    """Raw SQL because it needs window functions over an expression (the child's identity), which the ORM
    cannot partition by; ROW_NUMBER and MAX OVER run the same on SQLite (3.28+) and PostgreSQL. On PostgreSQL the
    identities are sorted byte by byte (COLLATE "C"): the same partitions, without the locale's comparisons."""
    from django.db import connection

    from .models import RequestIdentity

    start, end = _year_bounds(year)
    binary = ' COLLATE "C"' if connection.vendor == "postgresql" else ""

    def requests(alias: str) -> tuple[str, list]:
        condition, desk_params = _desk_in(f"{alias}.desk_id", desk_ids)
        sql = f"{alias}.registered_at >= %s AND {alias}.registered_at < %s AND {alias}.status <> %s"
        return (f"{sql} AND {condition}" if condition else sql), [start, end, Status.EXPIRED, *desk_params]

    (s_sql, s_params), (u_sql, u_params) = requests("s"), requests("u")
    sql = IDENTITY_SQL.format(
        identity=RequestIdentity._meta.db_table,
        columns=IDENTITY_COLUMNS,
        requests=s_sql,
        unnumbered=u_sql,
        binary=binary,
    ) + tail.format(
        choice=Choice._meta.db_table,
        location=Location._meta.db_table,
        postcode=Postcode._meta.db_table,
        binary=binary,
        **tail_format,
    )
    # named: requests, unnumbered; identified: requests twice; then the tail's own.
    params = [*s_params, *u_params, *s_params, *s_params, *tail_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _agency_rows(*, year: int, desk_ids) -> list[dict]:
    return _run_identity_query(AGENCY_SQL, year=year, desk_ids=desk_ids, tail_params=[Status.PLACED])


@tuned
def agency_table(*, year: int, desk_ids=None) -> Table:
    """Counted as the agency counts: one unique child (and its applicant) per calendar year, by the request
    registered first; expired requests left out; answered when any of the child's requests got a place;
    priority-group families separately. A child known at several desks (same national-number hash) counts once,
    in the municipality of its first request. Municipality: the family's home, else the first choice's."""
    rows = _agency_rows(year=year, desk_ids=desk_ids)
    municipalities = {m.pk: m for m in Municipality.objects.filter(pk__in=[r["area_id"] for r in rows])}
    out = []
    for row in rows:
        m = municipalities.get(row["area_id"])
        out.append(
            {
                "nis_code": m.nis_code if m else "",
                "municipality": m.name if m else str(_("Unknown")),
                "province": m.get_province_display() if m else "",
                "applicants": row["applicants"],
                "children": row["children"],
                "answered": row["answered"],
                "unanswered": row["children"] - row["answered"],
                "priority_children": row["priority_children"],
                "priority_unanswered": row["priority_children"] - row["priority_answered"],
            }
        )
    out.sort(key=lambda r: (r["province"], r["municipality"]))
    totals = {"nis_code": "", "municipality": str(_("Total")), "province": ""}
    for key in (
        "applicants",
        "children",
        "answered",
        "unanswered",
        "priority_children",
        "priority_unanswered",
    ):
        totals[key] = sum(r[key] for r in out)
    return Table(
        "agency",
        str(_("Yearly figures for the agency, %(year)s") % {"year": year}),
        (
            Column("nis_code", str(_("NIS code")), TEXT),
            Column("municipality", str(_("Municipality")), TEXT),
            Column("province", str(_("Province")), TEXT),
            Column("applicants", str(_("Unique applicants"))),
            Column("children", str(_("Unique children with a request"))),
            Column("answered", str(_("With a place"))),
            Column("unanswered", str(_("Without a place (unanswered)"))),
            Column("priority_children", str(_("Priority-group children"))),
            Column("priority_unanswered", str(_("Priority-group children without a place"))),
        ),
        tuple(out),
        note=str(
            _(
                "One unique child per calendar year (a child known at several desks counts once); expired "
                "requests are left out; unanswered means no place was found."
            )
        ),
        totals=totals,
    )


@tuned
def duplicates_table(*, year: int, desk_ids=None) -> Table:
    """Children registered at more than one desk in the year, detected by national number or by name and date
    of birth: per desk, how many of its children are also known at another desk. The agency figures above count
    each of them once. Every desk of the region is searched, whichever desks are reported on."""
    condition, params = _desk_in("desk_id", desk_ids)
    # Only the reported desks' children are looked for at the other desks (placeholders only, no values).
    reported = f"WHERE identity IN (SELECT identity FROM identified WHERE {condition})"  # noqa: S608
    rows = _run_identity_query(
        DUPLICATES_SQL,
        year=year,
        desk_ids=None,
        tail_params=[*params, *params],
        reported=reported if condition else "",
        output_condition=f"WHERE {condition}" if condition else "",
    )
    names = dict(Desk.objects.filter(pk__in=[r["desk_id"] for r in rows]).values_list("pk", "name"))
    out = sorted(
        (
            {
                "desk": names.get(r["desk_id"], ""),
                "children": r["children"],
                "duplicates": r["duplicates"],
                "by_number": r["by_number"],
                "by_name": r["duplicates"] - r["by_number"],
                "share": share(r["duplicates"], r["children"]),
            }
            for r in rows
        ),
        key=lambda r: r["desk"],
    )
    return Table(
        "duplicates",
        str(_("Children registered at more than one desk, %(year)s") % {"year": year}),
        (
            Column("desk", str(_("Desk")), TEXT),
            Column("children", str(_("Children with a request"))),
            Column("duplicates", str(_("Also registered at another desk"))),
            Column("by_number", str(_("found by national number"))),
            Column("by_name", str(_("found by name and date of birth"))),
            Column("share", str(_("Share")), SHARE, ("duplicates",)),
        ),
        tuple(out),
        note=str(
            _(
                "Expired requests are left out, as in the agency figures. Name and date of birth: the child's "
                "first name and date of birth and the surname of the family's first contact."
            )
        ),
    )


# Regional comparison -------------------------------------------------------------------------------------------


@tuned
def desk_comparison_table(f: ReportFilter) -> Table:
    """The same figures side by side for every desk in the filter (the regional agency's view)."""
    open_ = Q(status__in=OPEN_STATUSES)
    placed = Q(status=Status.PLACED)
    vulnerable = vulnerable_condition()
    demand = {
        row["desk_id"]: row
        for row in requests_in(f)
        .values("desk_id")
        .annotate(
            registered=Count("pk"),
            placed=Count("pk", filter=placed),
            waiting=Count("pk", filter=open_),
            unmet=Count("pk", filter=open_ & Q(start_earliest__lt=f.today)),
            vulnerable=Count("pk", filter=vulnerable),
            vulnerable_placed=Count("pk", filter=vulnerable & placed),
        )
        .order_by()
    }
    supply = {
        row["municipality__desk_id"]: row
        for row in locations_in(f)
        .values("municipality__desk_id")
        .annotate(licensed=Sum("licensed_capacity"))
        .order_by()
    }
    waits = {
        row["request__desk_id"]: row["mean"]
        for row in StatusChange.objects.filter(request_q(f, "request__"), to_status=Status.PLACED)
        .values("request__desk_id")
        .annotate(mean=Avg(DaysBetween("request__registered_at", "at")))
        .order_by()
    }
    desks = Desk.objects.all() if f.desk_ids is None else Desk.objects.filter(pk__in=f.desk_ids)
    rows = []
    for desk_id, name in desks.order_by("name").values_list("pk", "name"):
        d, s = demand.get(desk_id, {}), supply.get(desk_id, {})
        registered, placed_n = d.get("registered", 0), d.get("placed", 0)
        vulnerable_n, vulnerable_placed = d.get("vulnerable", 0), d.get("vulnerable_placed", 0)
        rows.append(
            {
                "desk": name,
                "registered": registered,
                "placed": placed_n,
                "waiting": d.get("waiting", 0),
                "unmet": d.get("unmet", 0),
                "licensed": s.get("licensed") or 0,
                "mean_days": waits.get(desk_id),
                "vulnerable": vulnerable_n,
                "vulnerable_placed": vulnerable_placed,
                "ratio": ratio(share(vulnerable_placed, placed_n), share(vulnerable_n, registered)),
            }
        )
    return Table(
        "desks",
        str(_("Comparison of desks")),
        (
            Column("desk", str(_("Desk")), TEXT),
            Column("registered", str(_("Registered"))),
            Column("placed", str(_("Placed"))),
            Column("waiting", str(_("Waiting"))),
            Column("unmet", str(_("Unmet demand"))),
            Column("licensed", str(_("Licensed places"))),
            Column("mean_days", str(_("Average days to placement")), DAYS, ("placed",)),
            Column("vulnerable", str(_("Vulnerable applicants"))),
            Column("vulnerable_placed", str(_("Vulnerable placed"))),
            Column(
                "ratio", str(_("Fair-access ratio (vulnerable)")), RATIO, ("vulnerable", "vulnerable_placed")
            ),
        ),
        tuple(rows),
    )


# The set of tables the dashboard shows and the exports offer, by key.
DASHBOARD_TABLES = {
    "key_figures": key_figures_table,
    "trend": monthly_trend_table,
    "areas_municipality": lambda f: area_table(f, level="municipality"),
    "areas_neighbourhood": lambda f: area_table(f, level="neighbourhood"),
    "durations": durations_table,
    "wait_distribution": wait_distribution_table,
    "first_choice": first_choice_table,
    "declines": declines_table,
    "fair_access": fair_access_table,
    "fair_access_locations": fair_access_by_location_table,
    "fair_access_tariffs": fair_access_by_tariff_table,
    "reserve": reserve_progress_table,
}
