"""What a report is about: desks, a period, an area, an age band, a tariff and a priority group, and the
conditions that select those requests from the report summary (`models.RequestSummary`)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.months import add_months, month_range
from loket.demand.ages import AGE_BANDS
from loket.supply.choices import Tariff

# The dates a report may be asked about: from the first year Loket could hold to the last one it plans for.
# Anything outside is refused by the forms with a plain message instead of reaching the database.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


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
    """Requests of a priority group, on the summary's columns (`prefix` reaches the summary through a relation)."""
    if name == "priority":
        return Q(**{f"{prefix}priority": 1})
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
        return moment(self.date_from) if self.date_from else None

    def end(self):
        return moment(self.date_to + timedelta(days=1)) if self.date_to else None

    def months(self) -> list[date]:
        """The calendar months of the period (a year back from today without a start)."""
        first = self.date_from or add_months(self.today, -12)
        return month_range(first, self.date_to or self.today)

    @property
    def narrowed(self) -> bool:
        """Narrowed beyond desks and period (an area, an age band, a tariff or a group)."""
        return bool(
            self.municipality_id or self.neighbourhood_id or self.age_band or self.tariff or self.group
        )


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def summary_q(f: ReportFilter, prefix: str = "", *, period: bool = True) -> Q:
    """The filter's conditions on the report summary; `prefix` reaches it through a relation. Merged duplicates
    are never counted: the request they were merged into counts for them."""
    q = Q(**{f"{prefix}merged": False})
    if f.desk_ids is not None:
        q &= Q(**{f"{prefix}desk_id__in": f.desk_ids})
    if period and f.date_from:
        q &= Q(**{f"{prefix}registered_at__gte": f.start()})
    if period and f.date_to:
        q &= Q(**{f"{prefix}registered_at__lt": f.end()})
    if f.municipality_id:
        q &= Q(**{f"{prefix}home_municipality_id": f.municipality_id})
    if f.neighbourhood_id:
        q &= Q(**{f"{prefix}home_neighbourhood_id": f.neighbourhood_id})
    if f.tariff == Tariff.INCOME:
        q &= Q(**{f"{prefix}accepts_income": True})
    elif f.tariff == Tariff.FREE:
        q &= Q(**{f"{prefix}accepts_free": True})
    if f.group:
        q &= group_q(f.group, prefix)
    if f.age_band:
        _label, low, high = AGE_BANDS[f.age_band]
        q &= Q(**{f"{prefix}age_days__gte": low})
        if high is not None:
            q &= Q(**{f"{prefix}age_days__lt": high})
    return q
