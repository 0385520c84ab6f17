"""The agency's yearly figures: one unique child per calendar year, whichever desks registered it, and the
children registered at more than one desk. Read from the report summary (`models.RequestSummary`) with window
functions, in raw SQL that runs the same on SQLite (3.28+) and PostgreSQL."""

from datetime import date

from django.db import connection
from django.utils.translation import gettext_lazy as _

from loket.areas.selectors import desk_names, municipalities_by_pk
from loket.demand.lifecycle import Status

from .disclosure import Report
from .filters import moment
from .models import RequestSummary
from .tables import SHARE, TEXT, Column, Table, share_of
from .tuning import tuned as _tuned

AGENCY_COUNTS = (
    "applicants",
    "children",
    "answered",
    "unanswered",
    "priority_children",
    "priority_unanswered",
)


def _year_bounds(year: int):
    return moment(date(year, 1, 1)), moment(date(year + 1, 1, 1))


# One child, whichever desk registered it: the national-number hash when known; else the child's first name, date
# of birth and the surname of the family's primary guardian ("name and date of birth"); a child known only by
# name at one desk and by number at another is matched through the name (the number found under that name wins).
# The requests come from the report summary (RequestSummary, kept current by triggers): an indexed scan instead of
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
    start, end = _year_bounds(year)
    binary = ' COLLATE "C"' if connection.vendor == "postgresql" else ""

    def requests(alias: str) -> tuple[str, list]:
        condition, desk_params = _desk_in(f"{alias}.desk_id", desk_ids)
        sql = (
            f"{alias}.registered_at >= %s AND {alias}.registered_at < %s AND {alias}.status <> %s "
            f"AND NOT {alias}.merged"
        )
        return (f"{sql} AND {condition}" if condition else sql), [start, end, Status.EXPIRED, *desk_params]

    (s_sql, s_params), (u_sql, u_params) = requests("s"), requests("u")
    sql = IDENTITY_SQL.format(
        identity=RequestSummary._meta.db_table,
        columns=IDENTITY_COLUMNS,
        requests=s_sql,
        unnumbered=u_sql,
        binary=binary,
    ) + tail.format(
        choice="demand_choice",
        location="supply_location",
        postcode="areas_postcode",
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


def agency_table(*, year: int, desk_ids=None) -> Table:
    """Counted as the agency counts: one unique child (and its applicant) per calendar year, by the request
    registered first; expired requests left out; answered when any of the child's requests got a place;
    priority-group families separately. A child known at several desks (same national-number hash) counts once,
    in the municipality of its first request. Municipality: the family's home, else the first choice's."""
    rows = _agency_rows(year=year, desk_ids=desk_ids)
    municipalities = municipalities_by_pk([r["area_id"] for r in rows if r["area_id"]])
    out = []
    for row in rows:
        m = municipalities.get(row["area_id"])
        out.append(
            {
                "id": row["area_id"] or "unknown",
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
    for key in AGENCY_COUNTS:
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
        sums_down=AGENCY_COUNTS,
        row_sums=(("children", ("answered", "unanswered")),),
    )


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
    names = desk_names([r["desk_id"] for r in rows])
    out = sorted(
        (
            {
                "id": r["desk_id"],
                "desk": names.get(r["desk_id"], ""),
                "children": r["children"],
                "duplicates": r["duplicates"],
                "by_number": r["by_number"],
                "by_name": r["duplicates"] - r["by_number"],
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
            Column("share", str(_("Share")), SHARE, derive=share_of("duplicates", "children")),
        ),
        tuple(out),
        note=str(
            _(
                "Expired requests are left out, as in the agency figures. Name and date of birth: the child's "
                "first name and date of birth and the surname of the family's first contact."
            )
        ),
        row_sums=(("duplicates", ("by_number", "by_name")),),
    )


def agency_report(*, year: int, desk_ids=None) -> Report:
    """The agency's page and exports: the yearly figures and the children known at several desks."""
    with _tuned():
        return Report(
            {
                "agency": agency_table(year=year, desk_ids=desk_ids),
                "duplicates": duplicates_table(year=year, desk_ids=desk_ids),
            }
        )
