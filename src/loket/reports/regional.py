"""The regional view: the same figures side by side for every desk, with the region's key figures, which are the
comparison's totals (so both are controlled together)."""

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from loket.areas.selectors import desks_in_reach
from loket.demand.lifecycle import OPEN_STATUSES, Status

from .dashboard import Dashboard
from .disclosure import Report, same
from .filters import ReportFilter
from .tables import DAYS, PLACES, RATIO, TEXT, TOTAL, Column, Table, ratio_of_shares, share_of
from .tuning import tuned

COUNTS = ("registered", "placed", "waiting", "unmet", "vulnerable", "vulnerable_placed")


def desk_comparison_table(dashboard: Dashboard) -> Table:
    """Per desk in the filter: requests and what became of them, places, waiting time, vulnerable families."""
    f = dashboard.f
    open_, placed, vulnerable = Q(status__in=OPEN_STATUSES), Q(status=Status.PLACED), Q(vulnerable=True)
    aggregates = {
        "registered": Count("pk"),
        "placed": Count("pk", filter=placed),
        "waiting": Count("pk", filter=open_),
        "unmet": Count("pk", filter=open_ & Q(start_earliest__lt=f.today)),
        "vulnerable": Count("pk", filter=vulnerable),
        "vulnerable_placed": Count("pk", filter=vulnerable & placed),
        "mean_days": Avg("placed_days"),
    }
    # Named apart from the summary's columns (an aggregate may not shadow the field it filters on).
    rows = dashboard.summary().values("desk_id").annotate(**{f"n_{k}": v for k, v in aggregates.items()})
    demand = {row["desk_id"]: {k: row[f"n_{k}"] for k in aggregates} for row in rows.order_by()}
    licensed: dict[int, int] = {}
    for loc in dashboard.locations:
        desk_id = loc["municipality__desk_id"]
        licensed[desk_id] = licensed.get(desk_id, 0) + loc["licensed_capacity"]
    rows = []
    for desk_id, name in desks_in_reach(f.desk_ids).values_list("pk", "name"):
        d = demand.get(desk_id, {})
        rows.append(
            {
                "id": desk_id,
                "desk": name,
                **{key: d.get(key, 0) for key in COUNTS},
                "licensed": licensed.get(desk_id, 0),
                "mean_days": d.get("mean_days"),
            }
        )
    totals = {"desk": str(_("All desks")), **{k: sum(r[k] for r in rows) for k in (*COUNTS, "licensed")}}
    totals["mean_days"] = dashboard.summary().aggregate(mean=Avg("placed_days"))["mean"]
    share_placed = share_of("vulnerable_placed", "placed")
    share_applicants = share_of("vulnerable", "registered")
    return Table(
        "desks",
        str(_("Comparison of desks")),
        (
            Column("desk", str(_("Desk")), TEXT),
            Column("registered", str(_("Registered"))),
            Column("placed", str(_("Placed"))),
            Column("waiting", str(_("Waiting"))),
            Column("unmet", str(_("Unmet demand"))),
            Column("licensed", str(_("Licensed places")), PLACES),
            Column("mean_days", str(_("Average days to placement")), DAYS, ("placed",)),
            Column("vulnerable", str(_("Vulnerable applicants"))),
            Column("vulnerable_placed", str(_("Vulnerable placed"))),
            Column(
                "ratio",
                str(_("Fair-access ratio (vulnerable)")),
                RATIO,
                derive=ratio_of_shares(share_placed, share_applicants),
            ),
        ),
        tuple(rows),
        totals=totals,
        sums_down=COUNTS,
    )


def regional_report(f: ReportFilter) -> Report:
    """The comparison of desks and the region's key figures, controlled together."""
    with tuned():
        dashboard = Dashboard(f)
        desks, key = desk_comparison_table(dashboard), dashboard.key_figures()
    links = [
        link
        for figure, column in (
            ("registered", "registered"),
            ("placed", "placed"),
            ("waiting", "waiting"),
            ("unmet", "unmet"),
            ("vulnerable", "vulnerable"),
        )
        for link in same(("key_figures", figure, "value"), ("desks", TOTAL, column))
    ]
    return Report({"desks": desks, "key_figures": key}, links)
