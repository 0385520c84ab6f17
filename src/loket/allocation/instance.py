"""Build a FORMAT.md instance from the database: the waiting requests, the free places and the desk's policy.

Ids in the instance are strings: requests `R<pk>`, locations `L<pk>`, openings `O<pk>`, so a stored instance can be
read back against the database (`parse_id`). Derived flags (`vulnerable`, `urgent`) are computed here, once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from django.db import connections
from django.utils import timezone

from loket.core import weekdays
from loket.core.months import add_months
from loket.demand import selectors as demand_selectors
from loket.demand.priority import PriorityFacts
from loket.supply import selectors as supply_selectors

from . import selectors
from .policy import policy_for_desk

if TYPE_CHECKING:
    from loket.demand.models import ChildcareRequest

FORMAT = "loket-allocation/1"


def request_key(pk) -> str:
    return f"R{pk}"


def location_key(pk) -> str:
    return f"L{pk}"


def opening_key(pk) -> str:
    return f"O{pk}"


def parse_id(key: str) -> int:
    return int(key[1:])


def month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


FACT_FIELDS = ("work", "single_parent", "low_income", "health_or_care", "no_diploma", "foster")
REQUEST_FIELDS = (
    "pk",
    "desk_id",
    "registered_at",
    "start_earliest",
    "start_latest",
    "weekdays_mask",
    "accepts_income_tariff",
    "accepts_free_price",
    "urgent",
    "child__birth_date",
    "child__due_date",
    *FACT_FIELDS,
)


def request_flags(request: ChildcareRequest) -> list[str]:
    flags = request.facts.flags()  # the facts that hold, plus `vulnerable` (the Flemish definition)
    if request.urgent:
        flags.append("urgent")
    return flags


def _raw_rows(queryset):
    """The rows of a values_list queryset as the database driver gives them, without Django's per-value converters
    (booleans may be 0/1, dates and times text on SQLite: see `_as_date`, `_moment`)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(5000):
            yield from rows


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _moment(value) -> datetime:
    """A stored moment (aware, or SQLite's text in UTC) as an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class _Memo(dict):
    """A function's results by argument, for the few distinct values thousands of rows share."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, key):
        value = self[key] = self.function(key)
        return value

    def __call__(self, key):
        return self[key]


def build_instance(*, desks, on: date) -> tuple[dict, str]:
    """The instance for a round on `on` of one desk or of a care region's desks (joint round), and the name of
    the policy version used (the first desk's rules on that date)."""
    desks = list(desks)
    lead = desks[0]
    desk_ids = [d.pk for d in desks]
    version = policy_for_desk(lead, on)
    this_month = on.replace(day=1)
    # Only places starting within the horizon; no place that already started.
    horizon = add_months(this_month, max(d.horizon_months for d in desks))
    available = [
        (o, free)
        for o, free in selectors.openings_available(desk_ids=desk_ids, on=on)
        if this_month <= o.start_month <= horizon
    ]
    location_ids = {o.location_id for o, _ in available}

    # Flat reads of raw rows (no model objects, no per-request queries, none of Django's per-value converters): at
    # Flanders size this is 70,000 requests and 216,000 choices, and building the instance is most of a round's
    # job time. The few distinct dates and weekday masks are converted once each.
    desk_settings = {d.pk: d for d in desks}
    waiting = selectors.requests_waiting(desk_ids=desk_ids).prefetch_related(None).select_related(None)
    choices_of: dict[int, list[int]] = {}
    for request_id, location_id in _raw_rows(
        demand_selectors.choices_waiting(desk_ids=desk_ids)
        .order_by("request_id", "rank")
        .values_list("request_id", "location_id")
    ):
        if request_id in choices_of:
            choices_of[request_id].append(location_id)
        else:
            choices_of[request_id] = [location_id]
    siblings_of: dict[int, list[int]] = {}
    for request_id, location_id in _raw_rows(demand_selectors.sibling_locations_waiting(desk_ids=desk_ids)):
        siblings_of.setdefault(request_id, []).append(location_id)

    day_of = _Memo(_as_date)
    requests = []
    chosen_location_ids: set[int] = set()
    horizon_of = {pk: add_months(this_month, d.earliest_offer_months) for pk, d in desk_settings.items()}
    # Rows in REQUEST_FIELDS order: (pk, desk, registered_at, start_earliest, start_latest, weekdays, income, free,
    # urgent, birth, due, *facts).
    for row in _raw_rows(waiting.values_list(*REQUEST_FIELDS).order_by("registered_at", "pk")):
        start_earliest, start_latest = day_of(row[3]), day_of(row[4])
        if start_latest < this_month:
            continue  # its window has passed: the desk follows it up, the round does not
        # No offer earlier than M months before the start the family asked for.
        if start_earliest > horizon_of[row[1]]:
            continue
        choices = choices_of.get(row[0])
        if not choices:
            continue
        chosen_location_ids.update(choices)
        requests.append((row, max(start_earliest, this_month), start_latest, choices))

    location_rows = (
        supply_selectors.locations_with_ids(location_ids | chosen_location_ids)
        .order_by("pk")
        .values_list("pk", "enrolled_total", "enrolled_reserve_eligible")
    )
    locations = {pk: (total, reserve) for pk, total, reserve in location_rows}
    openings_at: dict[int, list] = {}
    for o, free in available:
        openings_at.setdefault(o.location_id, []).append((o, free))
    instance_locations = []
    for pk, (total, reserve) in locations.items():
        instance_locations.append(
            {
                "id": location_key(pk),
                "enrolled": {"total": total, "reserve_eligible": reserve},
                "openings": [
                    {
                        "id": opening_key(o.pk),
                        "tariff": o.tariff,
                        "start_month": month(o.start_month),
                        "weekdays": list(o.weekdays),
                        "age_months": [o.age_min_months, o.age_max_months],
                        "count": free,
                    }
                    for o, free in openings_at.get(pk, ())
                ],
            }
        )
    instance_requests = []
    local = timezone.get_current_timezone()
    flags_of: dict[tuple, list[str]] = {}  # 128 combinations of facts at most: derive each once
    month_of = _Memo(month)
    weekdays_of = _Memo(weekdays.from_mask)
    birth_of = _Memo(lambda value: day_of(value).isoformat())
    tariffs_of = {
        (income, free): [t for t, ok in (("income", income), ("free", free)) if ok]
        for income in (False, True)
        for free in (False, True)
    }
    location_keys = {pk: location_key(pk) for pk in locations}
    for row, earliest, latest, choices in requests:
        pk = row[0]
        choices = [location_keys[c] for c in choices if c in location_keys]
        if not choices:
            continue
        siblings = siblings_of.get(pk)
        sibling_at = sorted(location_keys[s] for s in siblings if s in location_keys) if siblings else []
        facts = tuple(map(bool, row[8:9] + row[11:]))  # (urgent, *FACT_FIELDS)
        if facts not in flags_of:
            derived = PriorityFacts(**dict(zip(FACT_FIELDS, facts[1:], strict=True))).flags()
            flags_of[facts] = [*derived, "urgent"] if facts[0] else derived
        instance_requests.append(
            {
                "id": request_key(pk),
                "registered_at": _moment(row[2])
                .astimezone(local)
                .replace(tzinfo=None)
                .isoformat("T", "seconds"),
                "child_birth": birth_of(row[9] or row[10]),
                "start_months": [month_of(earliest), month_of(latest)],
                # Lists of their own (shared lists would change together if a caller edited one request).
                "weekdays": list(weekdays_of(row[5])),
                "tariffs": list(tariffs_of[bool(row[6]), bool(row[7])]),
                "choices": choices,
                "flags": list(flags_of[facts]),
                "sibling_at": sibling_at,
            }
        )
    instance = {
        "format": FORMAT,
        "round": {"date": on.isoformat()},
        "policy": version.policy,
        "locations": instance_locations,
        "requests": instance_requests,
    }
    return instance, version.name
