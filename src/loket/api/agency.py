"""For the regional agency (an agency token, read-only): the yearly figures per municipality, with small numbers
suppressed by the reports' one rule (`loket.reports.suppression`)."""

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from loket.reports.selectors import agency_table
from loket.reports.suppression import SUPPRESSION_THRESHOLD

from .http import AgencyToken
from .schemas import Figures

router = Router(tags=["Regional agency"], auth=AgencyToken())

FIGURE_KEYS = (
    "nis_code",
    "municipality",
    "province",
    "applicants",
    "children",
    "answered",
    "unanswered",
    "priority_children",
    "priority_unanswered",
)


class FigureFilters(Schema):
    year: int | None = Field(
        None, ge=2000, le=2100, description="The calendar year; this year when left out."
    )


def _row(row: dict) -> dict:
    return {
        key: row.get(key, "") if key in ("nis_code", "municipality", "province") else row[key]
        for key in FIGURE_KEYS
    }


@router.get("/figures", response=Figures, url_name="agency_figures")
def figures(request, filters: Query[FigureFilters]):
    """Unique applicants and children with a request per municipality in a year, how many got a place, and the
    same for priority groups. Counts of 1 to 4 are published as "<5"."""
    year = filters.year or timezone.localdate().year
    table = agency_table(year=year, desk_ids=None).suppressed()
    return {
        "year": year,
        "note": table.note,
        "suppression_threshold": SUPPRESSION_THRESHOLD,
        "rows": [_row(row) for row in table.rows],
        "totals": _row(table.totals) if table.totals else None,
    }
