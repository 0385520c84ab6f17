"""Reads of the reports' figures, for the reports' own pages and for the pages and API of other apps.

Every report is a `disclosure.Report`: tables and the sums that tie them. `.published()` is the report as it may
leave the desk (disclosure-controlled as a whole); a desk's own people see it unpublished on screen.
"""

from .agency import AGENCY_COUNTS, agency_report
from .dashboard import KEYS as DASHBOARD_KEYS
from .dashboard import dashboard_report
from .disclosure import Report
from .filters import ReportFilter
from .regional import regional_report

__all__ = [
    "AGENCY_COUNTS",
    "DASHBOARD_KEYS",
    "Report",
    "ReportFilter",
    "agency_figures",
    "agency_report",
    "dashboard_report",
    "regional_report",
]


def agency_figures(*, year: int):
    """The agency's yearly figures of every desk, published exactly as the agency's page and exports publish them
    (the API's regional-agency endpoint reads this)."""
    return agency_report(year=year, desk_ids=None).published()["agency"]
