"""For the regional agency (an agency token, read-only): the yearly figures per municipality, published by the
reports' one disclosure rule (`loket.reports.disclosure`), exactly as the agency's page and exports publish them."""

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from loket.reports.disclosure import THRESHOLD
from loket.reports.selectors import AGENCY_COUNTS, agency_figures

from .http import AgencyToken
from .schemas import Figures

router = Router(tags=["Regional agency"], auth=AgencyToken())

FIGURE_KEYS = ("nis_code", "municipality", "province", *AGENCY_COUNTS)


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
    same for priority groups. Counts are rounded to a multiple of 5; 1 to 4 is published as "<5", and "x" is a
    count hidden so that a small count cannot be worked out from the totals."""
    year = filters.year or timezone.localdate().year
    table = agency_figures(year=year)
    return {
        "year": year,
        "note": table.note,
        "suppression_threshold": THRESHOLD,
        "rows": [_row(row) for row in table.rows],
        "totals": _row(table.totals) if table.totals else None,
    }
