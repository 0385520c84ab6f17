"""Which chart goes with which table. Charts read the (possibly suppressed) table, so a chart never shows
more than the table behind it."""

from django.utils.translation import gettext as _

from loket.core import charts

from .tables import Table


def _column(table: Table, key: str) -> list:
    return [row.get(key) for row in table.rows]


def chart_for(table: Table):
    if table.key == "trend":
        return charts.line_chart(
            key=table.key,
            title=_("Requests per month"),
            description=_(
                "Requests registered, offers made and children placed per month; the table follows."
            ),
            labels=_column(table, "month"),
            series=[
                (_("Registered"), _column(table, "registered")),
                (_("Offers made"), _column(table, "offered")),
                (_("Placed"), _column(table, "placed")),
            ],
        )
    if table.key.startswith("areas_"):
        rows = [r for r in table.rows][:15]
        return charts.bar_chart(
            key=table.key,
            title=_("Waiting requests and places per area"),
            description=_(
                "For the areas with the most unmet demand: waiting requests, unmet demand and licensed places."
            ),
            labels=[r["area"] for r in rows],
            series=[
                (_("Waiting"), [r["waiting"] for r in rows]),
                (_("Unmet demand"), [r["unmet"] for r in rows]),
                (_("Licensed places"), [r["licensed"] for r in rows]),
            ],
        )
    if table.key == "wait_distribution":
        return charts.column_chart(
            key=table.key,
            title=_("Waiting time until placement"),
            description=_("How many children were placed after how many days of waiting."),
            labels=_column(table, "days"),
            values=_column(table, "placed"),
            series_name=_("Children placed"),
        )
    if table.key == "fair_access":
        return charts.bar_chart(
            key=table.key,
            title=_("Fair-access ratios per group"),
            description=_(
                "Share of offers and of placements divided by share of applicants; the dashed line is 1."
            ),
            labels=_column(table, "group"),
            series=[
                (_("Offers"), _column(table, "ratio_offered")),
                (_("Placements"), _column(table, "ratio_placed")),
            ],
            reference=1.0,
        )
    return None
