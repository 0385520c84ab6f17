"""The dashboard: twelve tables of supply and demand for one filter, computed together.

The requests' side is read from the report summary (`models.RequestSummary`, one narrow row per request kept
current by triggers): one aggregate gives the key figures and the fair-access groups, one grouping gives every
area, two give the waiting-time histograms, one the first choices per location. The supply side is one read of the
locations and one of the open free places. Tables that share figures are built from the same numbers, and
`links()` states the sums that tie them together, so disclosure control checks the report as a whole. The number
of queries does not depend on how many requests, areas or locations there are.
"""

import math
from collections import defaultdict
from dataclasses import replace
from datetime import date
from functools import cached_property

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.allocation.selectors import placed_choice_ranks, reserve_target_shares
from loket.areas.selectors import municipality_names, neighbourhood_names
from loket.core.months import add_months
from loket.demand.lifecycle import OPEN_STATUSES, Status
from loket.demand.selectors import status_changes
from loket.supply.choices import Tariff, TariffRegime
from loket.supply.selectors import locations_active, openings_not_withdrawn

from .disclosure import Report, rollup, same
from .disclosure import Sum as Link
from .filters import GROUPS, ReportFilter, group_q, moment, summary_q
from .models import MonthlyChanges, RequestSummary
from .tables import (
    DAYS,
    PLACES,
    RATIO,
    SHARE,
    TEXT,
    TOTAL,
    Column,
    Table,
    ratio,
    ratio_of_shares,
    share_of,
)
from .tuning import tuned

WAIT_BUCKETS = ((0, 30), (30, 60), (60, 90), (90, 180), (180, 270), (270, 365), (365, None))
DECLINE_REASONS_SHOWN = 10
# The tables in the order the dashboard shows them; their keys name their pages and exports.
KEYS = (
    "key_figures",
    "trend",
    "areas_municipality",
    "areas_neighbourhood",
    "durations",
    "wait_distribution",
    "first_choice",
    "declines",
    "fair_access",
    "fair_access_locations",
    "fair_access_tariffs",
    "reserve",
)


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


class Dashboard:
    """The figures of one filter. Each query runs once, when a table first needs it."""

    def __init__(self, f: ReportFilter):
        self.f = f

    # What the tables share ---------------------------------------------------------------------------------------

    def summary(self, *, period: bool = True):
        return RequestSummary.objects.filter(summary_q(self.f, period=period))

    @cached_property
    def counts(self) -> dict:
        """Requests registered in the period and what became of them (their status now), per group too."""
        open_ = Q(status__in=OPEN_STATUSES)
        placed, offered = Q(status=Status.PLACED), Q(offered=True)
        aggregates = {
            "registered": Count("pk"),
            "placed": Count("pk", filter=placed),
            "offered": Count("pk", filter=offered),
            "waiting": Count("pk", filter=open_),
            "withdrawn": Count("pk", filter=Q(status=Status.WITHDRAWN)),
            "expired": Count("pk", filter=Q(status=Status.EXPIRED)),
            "unmet": Count("pk", filter=open_ & Q(start_earliest__lt=self.f.today)),
        }
        for name in GROUPS:
            group = group_q(name)
            aggregates[f"{name}_applicants"] = Count("pk", filter=group)
            aggregates[f"{name}_offered"] = Count("pk", filter=group & offered)
            aggregates[f"{name}_placed"] = Count("pk", filter=group & placed)
        # Named apart from the summary's columns (an aggregate may not shadow the field it filters on).
        counted = self.summary().aggregate(
            **{f"n_{name}": aggregate for name, aggregate in aggregates.items()}
        )
        return {name: counted[f"n_{name}"] for name in aggregates}

    @cached_property
    def by_home(self) -> list[dict]:
        """Requests per home (municipality, neighbourhood): registered, waiting, waiting past the desired start."""
        open_ = Q(status__in=OPEN_STATUSES)
        return list(
            self.summary()
            .values("home_municipality_id", "home_neighbourhood_id")
            .annotate(
                registered=Count("pk"),
                waiting=Count("pk", filter=open_),
                unmet=Count("pk", filter=open_ & Q(start_earliest__lt=self.f.today)),
            )
            .order_by()
        )

    def _histogram(self, field: str) -> dict[int, int]:
        rows = (
            self.summary()
            .filter(**{f"{field}__isnull": False})
            .values(field)
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {row[field]: row["n"] for row in rows}

    @cached_property
    def offer_days(self) -> dict[int, int]:
        """Whole days from registration to the first offer, per request that got one."""
        return self._histogram("first_offer_days")

    @cached_property
    def placed_days(self) -> dict[int, int]:
        """Whole days from registration to the place, per request placed."""
        return self._histogram("placed_days")

    @cached_property
    def location_set(self):
        """Active locations in the desks' municipalities, narrowed by area and tariff (a mix counts for both)."""
        f = self.f
        qs = locations_active()
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

    @cached_property
    def locations(self) -> list[dict]:
        return list(
            self.location_set.values(
                "pk",
                "name",
                "tariff_regime",
                "licensed_capacity",
                "income_places",
                "enrolled_total",
                "enrolled_reserve_eligible",
                "municipality_id",
                "neighbourhood_id",
                "municipality__desk_id",
            ).order_by("name", "pk")
        )

    @cached_property
    def free_places(self) -> dict[int, int]:
        """Per location: free places declared and not withdrawn (of the filter's tariff)."""
        openings = openings_not_withdrawn().filter(location__in=self.location_set)
        if self.f.tariff:
            openings = openings.filter(tariff=self.f.tariff)
        rows = openings.values("location_id").annotate(free=Sum("count")).order_by()
        return {row["location_id"]: row["free"] or 0 for row in rows}

    @cached_property
    def first_choices(self) -> dict[int, dict]:
        """Per location: requests that ranked it first, and those of vulnerable families."""
        rows = (
            self.summary()
            .filter(first_choice_location_id__isnull=False)
            .values("first_choice_location_id")
            .annotate(n=Count("pk"), vulnerable=Count("pk", filter=Q(vulnerable=True)))
            .order_by()
        )
        return {row["first_choice_location_id"]: row for row in rows}

    @cached_property
    def area_names(self) -> tuple[dict, dict]:
        keys = self._area_figures.keys()
        return (
            municipality_names({m for m, _n in keys if m}),
            neighbourhood_names({n for _m, n in keys if n}),
        )

    # The tables --------------------------------------------------------------------------------------------------

    def key_figures(self) -> Table:
        r = self.counts
        licensed = sum(loc["licensed_capacity"] for loc in self.locations)
        income = sum(_income_places(loc) for loc in self.locations)
        people = (
            ("registered", _("Requests registered in the period"), r["registered"]),
            ("placed", _("of which placed"), r["placed"]),
            ("waiting", _("of which still waiting"), r["waiting"]),
            ("withdrawn", _("of which withdrawn"), r["withdrawn"]),
            ("expired", _("of which expired"), r["expired"]),
            ("unmet", _("Unmet demand: waiting past the desired start"), r["unmet"]),
            ("offered", _("Requests that got an offer"), r["offered"]),
            ("vulnerable", _("Requests from vulnerable families"), r["vulnerable_applicants"]),
            ("priority", _("Requests from priority-group families"), r["priority_applicants"]),
            (
                "filled",
                _("Places filled (children enrolled)"),
                sum(loc["enrolled_total"] for loc in self.locations),
            ),
        )
        places = (
            ("licensed", _("Licensed places"), licensed),
            ("income_places", _("of which income-related"), income),
            ("free_price_places", _("of which free price"), licensed - income),
            ("free", _("Free places declared"), sum(self.free_places.values())),
        )
        rows = [{"id": key, "figure": str(label), "value": value} for key, label, value in people]
        rows += [
            {"id": key, "figure": str(label), "value": value, "kind": PLACES} for key, label, value in places
        ]
        return Table(
            key="key_figures",
            title=str(_("Key figures")),
            columns=(Column("figure", str(_("Figure")), TEXT), Column("value", str(_("Number")))),
            rows=tuple(rows),
            note=str(_("Requests: registered in the period, with their status today. Places: today.")),
        )

    def trend(self) -> Table:
        """Per month: requests registered, offers made, placements and withdrawals (by the date they happened)."""
        months = self.f.months()
        counts: dict[str, dict[date, int]] = defaultdict(dict)
        if months:  # none when the period ends before it starts
            registered = self.summary().annotate(month=TruncMonth("registered_at")).values("month")
            for row in registered.annotate(n=Count("pk")).order_by():
                counts["registered"][_month_key(row["month"])] = row["n"]
            for (month, status), n in self._changes_per_month(months).items():
                counts[status][month] = n
        keys = ("registered", "offered", "placed", "withdrawn")
        rows = tuple(
            {"id": m.isoformat(), "month": m.strftime("%Y-%m"), **{k: counts[k].get(m, 0) for k in keys}}
            for m in months
        )
        return Table(
            "trend",
            str(_("Requests per month")),
            (
                Column("month", str(_("Month")), TEXT),
                Column("registered", str(_("Registered"))),
                Column("offered", str(_("Offers made"))),
                Column("placed", str(_("Placed"))),
                Column("withdrawn", str(_("Withdrawn"))),
            ),
            rows,
            totals={"month": str(_("Total")), **{k: sum(row[k] for row in rows) for k in keys}},
            sums_down=keys,
        )

    def _changes_per_month(self, months: list[date]) -> dict[tuple[date, str], int]:
        """Offers, placements and withdrawals per month, by the date they happened. For desks and whole months,
        from the monthly counts the triggers keep (MonthlyChanges), less the few changes of merged duplicates;
        narrowed to an area, an age, a tariff or a group, from the status history of those requests."""
        f = self.f
        statuses = (Status.OFFERED, Status.PLACED, Status.WITHDRAWN)
        window = {"at__gte": moment(months[0]), "at__lt": moment(add_months(months[-1], 1))}
        counts: dict[tuple[date, str], int] = defaultdict(int)

        def count(changes, sign: int) -> None:
            rows = (
                changes.annotate(month=TruncMonth("at")).values("month", "to_status").annotate(n=Count("pk"))
            )
            for row in rows.order_by():
                counts[(_month_key(row["month"]), row["to_status"])] += sign * row["n"]

        if f.narrowed:
            changes = status_changes().filter(to_status__in=statuses, **window)
            count(changes.filter(request_id__in=self.summary(period=False).values("request_id")), 1)
            return counts
        monthly = MonthlyChanges.objects.filter(month__in=months, to_status__in=statuses)
        merged = RequestSummary.objects.filter(merged=True)
        if f.desk_ids is not None:
            monthly = monthly.filter(desk_id__in=f.desk_ids)
            merged = merged.filter(desk_id__in=f.desk_ids)
        for row in monthly.values("month", "to_status").annotate(n=Sum("changes")).order_by():
            counts[(row["month"], row["to_status"])] += row["n"]
        count(
            status_changes().filter(
                to_status__in=statuses, request_id__in=merged.values("request_id"), **window
            ),
            -1,
        )
        return counts

    @cached_property
    def _area_figures(self) -> dict[tuple, dict]:
        """Per (municipality, neighbourhood) of the family's home and of the location: demand and places."""
        areas: dict[tuple, dict] = defaultdict(
            lambda: {"registered": 0, "waiting": 0, "unmet": 0, "licensed": 0, "free": 0}
        )
        for row in self.by_home:
            area = areas[(row["home_municipality_id"], row["home_neighbourhood_id"])]
            for key in ("registered", "waiting", "unmet"):
                area[key] += row[key]
        for loc in self.locations:
            area = areas[(loc["municipality_id"], loc["neighbourhood_id"])]
            area["licensed"] += loc["licensed_capacity"]
            area["free"] += self.free_places.get(loc["pk"], 0)
        return areas

    def areas(self, level: str) -> Table:
        """Waiting requests and unmet demand (by the family's home) against places (by location), per area."""
        municipality_names, neighbourhood_names = self.area_names
        no_postcode = str(_("Unknown (no postcode)"))
        merged: dict = defaultdict(
            lambda: {"registered": 0, "waiting": 0, "unmet": 0, "licensed": 0, "free": 0}
        )
        labels = {}
        for (m, n), values in self._area_figures.items():
            key = area_id(m, n if level == "neighbourhood" else None)
            for k, v in values.items():
                merged[key][k] += v
            if m is None:
                labels[key] = (no_postcode, "")
            elif level == "municipality":
                labels[key] = (municipality_names.get(m, str(_("Unknown"))), "")
            else:
                name = neighbourhood_names.get(n) if n else str(_("Neighbourhood unknown"))
                labels[key] = (name or str(_("Unknown")), municipality_names.get(m, ""))
        rows = sorted(
            (
                {"id": key, "area": labels[key][0], "municipality": labels[key][1], **v}
                for key, v in merged.items()
            ),
            key=lambda r: (-r["unmet"], r["area"], r["municipality"]),
        )
        counts = ("registered", "waiting", "unmet")
        totals = {"area": str(_("Total")), "municipality": ""}
        totals |= {k: sum(r[k] for r in rows) for k in (*counts, "licensed", "free")}
        first = (
            (Column("area", str(_("Municipality")), TEXT),)
            if level == "municipality"
            else (
                Column("area", str(_("Neighbourhood")), TEXT),
                Column("municipality", str(_("Municipality")), TEXT),
            )
        )
        title = (
            _("Demand and supply per municipality")
            if level == "municipality"
            else _("Demand and supply per neighbourhood")
        )
        return Table(
            f"areas_{level}",
            str(title),
            (
                *first,
                Column("registered", str(_("Registered"))),
                Column("waiting", str(_("Waiting"))),
                Column("unmet", str(_("Unmet demand"))),
                _share_of_total("unmet_share", _("Share of unmet demand"), "unmet"),
                Column("licensed", str(_("Licensed places")), PLACES),
                Column("free", str(_("Free places")), PLACES),
                Column(
                    "places_per_waiting",
                    str(_("Places per waiting request")),
                    RATIO,
                    derive=_per("licensed", "waiting"),
                ),
            ),
            tuple(rows),
            note=str(
                _("Sorted by unmet demand: where most families wait past their desired start comes first.")
            ),
            totals=totals,
            sums_down=counts,
        )

    def durations(self) -> Table:
        rows = []
        for key, label, histogram in (
            ("offer", _("Registration to first offer"), self.offer_days),
            ("placement", _("Registration to placement"), self.placed_days),
        ):
            rows.append(
                {
                    "id": key,
                    "measure": str(label),
                    "n": sum(histogram.values()),
                    "median": percentile(histogram, 0.5),
                    "p90": percentile(histogram, 0.9),
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
            note=str(
                _("Counted from the status history: the first offer and the placement of each request.")
            ),
        )

    def wait_distribution(self) -> Table:
        rows = []
        for low, high in WAIT_BUCKETS:
            n = sum(c for d, c in self.placed_days.items() if d >= low and (high is None or d < high))
            label = f"{low}–{high - 1}" if high is not None else f"≥ {low}"
            rows.append({"id": str(low), "days": label, "placed": n})
        return Table(
            "wait_distribution",
            str(_("Waiting time until placement")),
            (Column("days", str(_("Days waited")), TEXT), Column("placed", str(_("Children placed")))),
            tuple(rows),
            totals={"days": str(_("Total")), "placed": sum(r["placed"] for r in rows)},
            sums_down=("placed",),
        )

    def first_choice(self) -> Table:
        """Of the requests placed, how many got the location they ranked first, second, third or later. Read from
        the placements the providers recorded; a request placed without a recorded placement counts as unknown."""
        total = self.counts["placed"]
        counts = {"1": 0, "2": 0, "3": 0, "other": 0}
        if total:
            placed = self.summary().filter(status=Status.PLACED).values("request_id")
            counts = placed_choice_ranks(placed)
        recorded = sum(counts.values())
        labels = {
            "1": _("At their first choice"),
            "2": _("At their second choice"),
            "3": _("At their third choice or later"),
            "other": _("At a location they had not chosen"),
        }
        rows = [{"id": key, "choice": str(labels[key]), "placed": counts[key]} for key in labels]
        rows.append(
            {"id": "unknown", "choice": str(_("Placement not recorded in Loket")), "placed": total - recorded}
        )
        return Table(
            "first_choice",
            str(_("First-choice rate: where placed children got their place")),
            (
                Column("choice", str(_("Choice")), TEXT),
                Column("placed", str(_("Children placed"))),
                _share_of_total("share", _("Share of children placed"), "placed"),
            ),
            tuple(rows),
            note=str(_("Requests registered in the period and placed today.")),
            totals={"choice": str(_("All placed")), "placed": total},
            sums_down=("placed",),
        )

    def declines(self) -> Table:
        """Offers declined and the reasons families gave (most frequent first; the rest together)."""
        # A decline comes after the registration: changes before the period cannot be of its requests.
        changes = status_changes().filter(
            to_status=Status.DECLINED, request_id__in=self.summary().values("request_id")
        )
        if self.f.date_from:
            changes = changes.filter(at__gte=self.f.start())
        declined = changes.count()
        reasons = list(
            changes.values("reason").annotate(n=Count("pk")).order_by("-n", "reason")[:DECLINE_REASONS_SHOWN]
        )
        rows = [
            {
                "id": f"reason:{row['reason']}",
                "reason": row["reason"] or str(_("No reason given")),
                "declined": row["n"],
            }
            for row in reasons
        ]
        rest = declined - sum(r["declined"] for r in rows)
        if rest:
            rows.append({"id": "other", "reason": str(_("Other reasons")), "declined": rest})
        return Table(
            "declines",
            str(_("Offers declined and why")),
            (
                Column("reason", str(_("Reason")), TEXT),
                Column("declined", str(_("Declined"))),
                _share_of_total("share", _("Share of declines"), "declined"),
            ),
            tuple(rows),
            note=str(_("Declines of offers made to the requests registered in the period.")),
            totals={"reason": str(_("All offers declined")), "declined": declined},
            sums_down=("declined",),
            merge_small_rows=str(_("Other reasons (each given fewer than 5 times)")),
        )

    def fair_access(self) -> Table:
        """Share of each group among applicants, among those offered a place and among those placed; a ratio below
        1 means the group is served less than its share of the demand (the Matthew effect)."""
        n = self.counts
        rows = tuple(
            {
                "id": name,
                "group": str(label),
                "applicants": n[f"{name}_applicants"],
                "offered": n[f"{name}_offered"],
                "placed": n[f"{name}_placed"],
            }
            for name, label in GROUPS.items()
        )
        share_a = share_of("applicants", "applicants", of_totals=True)
        share_o = share_of("offered", "offered", of_totals=True)
        share_p = share_of("placed", "placed", of_totals=True)
        return Table(
            "fair_access",
            str(_("Fair access: share of each group among applicants, offers and placements")),
            (
                Column("group", str(_("Group")), TEXT),
                Column("applicants", str(_("Applicants"))),
                Column("share_applicants", str(_("Share of applicants")), SHARE, derive=share_a),
                Column("offered", str(_("Offered a place"))),
                Column("share_offered", str(_("Share of offers")), SHARE, derive=share_o),
                Column("placed", str(_("Placed"))),
                Column("share_placed", str(_("Share of placements")), SHARE, derive=share_p),
                Column(
                    "ratio_offered",
                    str(_("Ratio offers / applicants")),
                    RATIO,
                    derive=ratio_of_shares(share_o, share_a),
                ),
                Column(
                    "ratio_placed",
                    str(_("Ratio placements / applicants")),
                    RATIO,
                    derive=ratio_of_shares(share_p, share_a),
                ),
            ),
            rows,
            note=str(
                _(
                    "A ratio below 1 means the group gets fewer offers or places than its share of the applicants. "
                    "Groups overlap: one family can be in several."
                )
            ),
            totals={
                "group": str(_("All requests")),
                "applicants": n["registered"],
                "offered": n["offered"],
                "placed": n["placed"],
            },
        )

    def fair_access_locations(self) -> Table:
        """Per location: vulnerable families among those who chose it first, against vulnerable families among the
        children it cares for now."""
        regimes = dict(TariffRegime.choices)
        rows = []
        for loc in self.locations:
            first = self.first_choices.get(loc["pk"], {})
            rows.append(
                {
                    "id": loc["pk"],
                    "location": loc["name"],
                    "regime": str(regimes[loc["tariff_regime"]]),
                    "first_choice": first.get("n", 0),
                    "first_choice_vulnerable": first.get("vulnerable", 0),
                    "enrolled": loc["enrolled_total"],
                    "enrolled_vulnerable": loc["enrolled_reserve_eligible"],
                }
            )
        return Table(
            "fair_access_locations",
            str(
                _("Fair access per location: vulnerable families among applicants and among children in care")
            ),
            _fair_location_columns(str(_("Location")), with_regime=True),
            tuple(rows),
            totals=_fair_totals(rows, str(_("All locations"))),
            sums_down=FAIR_COUNTS,
        )

    def fair_access_tariffs(self) -> Table:
        rows = []
        for regime, label in TariffRegime.choices:
            mine = [loc for loc in self.locations if loc["tariff_regime"] == regime]
            firsts = [self.first_choices.get(loc["pk"], {}) for loc in mine]
            rows.append(
                {
                    "id": regime,
                    "location": str(label),
                    "first_choice": sum(f.get("n", 0) for f in firsts),
                    "first_choice_vulnerable": sum(f.get("vulnerable", 0) for f in firsts),
                    "enrolled": sum(loc["enrolled_total"] for loc in mine),
                    "enrolled_vulnerable": sum(loc["enrolled_reserve_eligible"] for loc in mine),
                }
            )
        return Table(
            "fair_access_tariffs",
            str(_("Fair access per tariff: income-related versus free-price places")),
            _fair_location_columns(str(_("Tariff")), with_regime=False),
            tuple(rows),
            totals=_fair_totals(rows, str(_("All locations"))),
            sums_down=FAIR_COUNTS,
        )

    def reserve(self) -> Table:
        """Each income-related location against the reserve target of its desk's priority rules (20 % by default)."""
        mine = [
            loc for loc in self.locations if loc["tariff_regime"] in (TariffRegime.INCOME, TariffRegime.MIX)
        ]
        targets = reserve_target_shares(
            desk_ids={loc["municipality__desk_id"] for loc in mine}, on=self.f.today
        )
        rows = [
            {
                "id": loc["pk"],
                "location": loc["name"],
                "enrolled": loc["enrolled_total"],
                "eligible": loc["enrolled_reserve_eligible"],
                "target": targets.get(loc["municipality__desk_id"]),
            }
            for loc in mine
        ]
        table = Table(
            "reserve",
            str(_("Progress toward the reserve for vulnerable families (income-related locations)")),
            (
                Column("location", str(_("Location")), TEXT),
                Column("enrolled", str(_("Children in care"))),
                Column("eligible", str(_("from vulnerable families"))),
                Column("share", str(_("Share now")), SHARE, derive=share_of("eligible", "enrolled")),
                Column("target", str(_("Target share")), SHARE),
                Column("needed", str(_("Children needed for the target")), derive=_needed),
                Column("gap", str(_("Still to reach")), derive=_gap),
                Column("progress", str(_("Progress")), SHARE, derive=_progress),
            ),
            tuple(rows),
            note=str(_("The target comes from the priority rules the desk applies today.")),
        )
        return replace(table, rows=tuple(sorted(table.rows, key=lambda r: (-(r["gap"] or 0), r["location"]))))

    # The report -------------------------------------------------------------------------------------------------

    def tables(self) -> dict[str, Table]:
        build = {
            "key_figures": self.key_figures,
            "trend": self.trend,
            "areas_municipality": lambda: self.areas("municipality"),
            "areas_neighbourhood": lambda: self.areas("neighbourhood"),
            "durations": self.durations,
            "wait_distribution": self.wait_distribution,
            "first_choice": self.first_choice,
            "declines": self.declines,
            "fair_access": self.fair_access,
            "fair_access_locations": self.fair_access_locations,
            "fair_access_tariffs": self.fair_access_tariffs,
            "reserve": self.reserve,
        }
        return {key: build[key]() for key in KEYS}

    def links(self) -> list[Link]:
        """The figures that appear in several tables, and the tables that add up to another's rows."""
        key = ("key_figures",)
        neighbourhoods = {
            area_id(m, n): area_id(m, None) for (m, n) in self._area_figures if m is not None or n is not None
        }
        neighbourhoods |= {area_id(None, None): area_id(None, None)}
        locations = {loc["pk"]: loc["tariff_regime"] for loc in self.locations}
        income_related = [
            pk for pk, regime in locations.items() if regime in (TariffRegime.INCOME, TariffRegime.MIX)
        ]
        return [
            *same(
                (*key, "registered", "value"),
                ("trend", TOTAL, "registered"),
                ("areas_municipality", TOTAL, "registered"),
                ("areas_neighbourhood", TOTAL, "registered"),
                ("fair_access", TOTAL, "applicants"),
            ),
            *same(
                (*key, "placed", "value"), ("first_choice", TOTAL, "placed"), ("fair_access", TOTAL, "placed")
            ),
            *same((*key, "offered", "value"), ("fair_access", TOTAL, "offered")),
            *same((*key, "vulnerable", "value"), ("fair_access", "vulnerable", "applicants")),
            *same((*key, "priority", "value"), ("fair_access", "priority", "applicants")),
            *same(
                (*key, "waiting", "value"),
                ("areas_municipality", TOTAL, "waiting"),
                ("areas_neighbourhood", TOTAL, "waiting"),
            ),
            *same(
                (*key, "unmet", "value"),
                ("areas_municipality", TOTAL, "unmet"),
                ("areas_neighbourhood", TOTAL, "unmet"),
            ),
            *same(
                (*key, "filled", "value"),
                ("fair_access_locations", TOTAL, "enrolled"),
                ("fair_access_tariffs", TOTAL, "enrolled"),
            ),
            Link(
                (*key, "registered", "value"),
                tuple((*key, k, "value") for k in ("placed", "waiting", "withdrawn", "expired")),
            ),
            *same(("durations", "placement", "n"), ("wait_distribution", TOTAL, "placed")),
            *rollup(
                "areas_neighbourhood",
                "areas_municipality",
                ("registered", "waiting", "unmet"),
                neighbourhoods,
            ),
            *rollup("fair_access_locations", "fair_access_tariffs", FAIR_COUNTS, locations),
            *[
                link
                for pk in income_related
                for link in same(("fair_access_locations", pk, "enrolled"), ("reserve", pk, "enrolled"))
            ],
            *[
                link
                for pk in income_related
                for link in same(
                    ("fair_access_locations", pk, "enrolled_vulnerable"), ("reserve", pk, "eligible")
                )
            ],
        ]

    def report(self) -> Report:
        return Report(self.tables(), self.links())


def _share_of_total(key: str, label, count: str) -> Column:
    """A row's share of the table's total of `count`."""
    return Column(key, str(label), SHARE, derive=share_of(count, count, of_totals=True))


def area_id(municipality_id, neighbourhood_id) -> str:
    return f"{municipality_id or '-'}:{neighbourhood_id or '-'}"


def _income_places(loc: dict) -> int:
    if loc["tariff_regime"] == TariffRegime.INCOME:
        return loc["licensed_capacity"]
    if loc["tariff_regime"] == TariffRegime.MIX:
        return loc["income_places"]
    return 0


def _month_key(value) -> date:
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _per(a: str, b: str):
    def derive(row, totals):
        return ratio(row.get(a), row.get(b))

    return derive


FAIR_COUNTS = ("first_choice", "first_choice_vulnerable", "enrolled", "enrolled_vulnerable")


def _fair_totals(rows: list[dict], label: str) -> dict:
    return {"location": label, "regime": "", **{k: sum(r[k] for r in rows) for k in FAIR_COUNTS}}


def _fair_location_columns(first_label: str, *, with_regime: bool) -> tuple:
    share_applicants = share_of("first_choice_vulnerable", "first_choice")
    share_enrolled = share_of("enrolled_vulnerable", "enrolled")
    return (
        Column("location", first_label, TEXT),
        *((Column("regime", str(_("Tariff")), TEXT),) if with_regime else ()),
        Column("first_choice", str(_("Requests with it as first choice"))),
        Column("first_choice_vulnerable", str(_("of which vulnerable"))),
        Column(
            "share_applicants", str(_("Share vulnerable among applicants")), SHARE, derive=share_applicants
        ),
        Column("enrolled", str(_("Children in care"))),
        Column("enrolled_vulnerable", str(_("of which vulnerable"))),
        Column("share_enrolled", str(_("Share vulnerable in care")), SHARE, derive=share_enrolled),
        Column(
            "ratio",
            str(_("Ratio in care / applicants")),
            RATIO,
            derive=ratio_of_shares(share_enrolled, share_applicants),
        ),
    )


def _needed(row, totals):
    target, enrolled = row.get("target"), row.get("enrolled")
    if target is None or not isinstance(enrolled, int):
        return None
    return math.ceil(target * enrolled - 1e-9)


def _gap(row, totals):
    needed, eligible = row.get("needed"), row.get("eligible")
    return max(needed - eligible, 0) if isinstance(needed, int) and isinstance(eligible, int) else None


def _progress(row, totals):
    needed, eligible = row.get("needed"), row.get("eligible")
    if not isinstance(needed, int) or not isinstance(eligible, int):
        return None
    return min(eligible / needed, 1.0) if needed else 1.0


def dashboard_report(f: ReportFilter) -> Report:
    """Every table of the dashboard for `f`, with the sums that tie them (unpublished: `.published()`)."""
    with tuned():
        return Dashboard(f).report()
