"""Build a FORMAT.md instance from the database: the waiting requests, the free places and the desk's policy.

Ids in the instance are strings: requests `R<pk>`, locations `L<pk>`, openings `O<pk>`, so a stored instance can be
read back against the database (`parse_id`). Derived flags (`vulnerable`, `urgent`) are computed here, once.
"""

from collections import defaultdict
from datetime import date

from django.utils import timezone

from loket.core import weekdays
from loket.core.months import add_months
from loket.demand.models import ChildcareRequest, Choice
from loket.demand.priority import PriorityFacts
from loket.supply.models import Location

from . import selectors
from .policy import policy_for_desk

FORMAT = "loket-allocation/1"
READ_BATCH = 5000  # ids per IN (...) list when reading the waiting requests' choices
FACT_FIELDS = ("work", "single_parent", "low_income", "health_or_care", "no_diploma", "foster")
# The waiting requests are read as plain rows (not model instances): a city's round reads thousands.
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


def request_flags(request: ChildcareRequest) -> list[str]:
    flags = request.facts.flags()  # the facts that hold, plus `vulnerable` (the Flemish definition)
    if request.urgent:
        flags.append("urgent")
    return flags


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

    desk_settings = {d.pk: d for d in desks}
    requests = []
    chosen_location_ids: set[int] = set()
    waiting = list(
        selectors.requests_waiting(desk_ids=desk_ids).prefetch_related(None).values(*REQUEST_FIELDS)
    )
    pks = [r["pk"] for r in waiting]
    choices_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    siblings_of: dict[int, list[int]] = defaultdict(list)
    for start in range(0, len(pks), READ_BATCH):
        some = pks[start : start + READ_BATCH]
        for request_id, location_id, rank in Choice.objects.filter(request_id__in=some).values_list(
            "request_id", "location_id", "rank"
        ):
            choices_of[request_id].append((rank, location_id))
        for request_id, location_id in ChildcareRequest.siblings_at.through.objects.filter(
            childcarerequest_id__in=some
        ).values_list("childcarerequest_id", "location_id"):
            siblings_of[request_id].append(location_id)
    for r in waiting:
        desk = desk_settings[r["desk_id"]]
        earliest = max(r["start_earliest"], this_month)
        if r["start_latest"] < this_month:
            continue  # its window has passed: the desk follows it up, the round does not
        # No offer earlier than M months before the start the family asked for.
        if r["start_earliest"] > add_months(this_month, desk.earliest_offer_months):
            continue
        choices = [location_id for _rank, location_id in sorted(choices_of[r["pk"]])]
        if not choices:
            continue
        chosen_location_ids.update(choices)
        requests.append((r, earliest, choices))

    locations = {
        loc.pk: loc
        for loc in Location.objects.filter(pk__in=location_ids | chosen_location_ids).order_by("pk")
    }
    instance_locations = []
    for pk, loc in locations.items():
        instance_locations.append(
            {
                "id": location_key(pk),
                "enrolled": {"total": loc.enrolled_total, "reserve_eligible": loc.enrolled_reserve_eligible},
                "openings": [
                    {
                        "id": opening_key(o.pk),
                        "tariff": o.tariff,
                        "start_month": month(o.start_month),
                        "weekdays": list(o.weekdays),
                        "age_months": [o.age_min_months, o.age_max_months],
                        "count": free,
                    }
                    for o, free in available
                    if o.location_id == pk
                ],
            }
        )
    instance_requests = []
    for r, earliest, choices in requests:
        choices = [c for c in choices if c in locations]
        if not choices:
            continue
        sibling_at = sorted(location_key(pk) for pk in siblings_of[r["pk"]] if pk in locations)
        facts = PriorityFacts(**{name: r[name] for name in FACT_FIELDS})
        flags = facts.flags()  # the facts that hold, plus `vulnerable` (the Flemish definition)
        if r["urgent"]:
            flags.append("urgent")
        instance_requests.append(
            {
                "id": request_key(r["pk"]),
                "registered_at": timezone.localtime(r["registered_at"]).strftime("%Y-%m-%dT%H:%M:%S"),
                "child_birth": (r["child__birth_date"] or r["child__due_date"]).isoformat(),
                "start_months": [month(earliest), month(r["start_latest"])],
                "weekdays": list(weekdays.from_mask(r["weekdays_mask"])),
                "tariffs": [
                    t
                    for t, ok in (("income", r["accepts_income_tariff"]), ("free", r["accepts_free_price"]))
                    if ok
                ],
                "choices": [location_key(c) for c in choices],
                "flags": flags,
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
