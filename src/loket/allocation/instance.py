"""Build a FORMAT.md instance from the database: the waiting requests, the free places and the desk's policy.

Ids in the instance are strings: requests `R<pk>`, locations `L<pk>`, openings `O<pk>`, so a stored instance can be
read back against the database (`parse_id`). Derived flags (`vulnerable`, `urgent`) are computed here, once.
"""

from datetime import date

from django.utils import timezone

from loket.core.months import add_months
from loket.demand.models import ChildcareRequest
from loket.supply.models import Location

from . import selectors
from .policy import policy_for_desk

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
    for r in selectors.requests_waiting(desk_ids=desk_ids):
        desk = desk_settings[r.desk_id]
        earliest = max(r.start_earliest, this_month)
        if r.start_latest < this_month:
            continue  # its window has passed: the desk follows it up, the round does not
        # No offer earlier than M months before the start the family asked for.
        if r.start_earliest > add_months(this_month, desk.earliest_offer_months):
            continue
        choices = [c.location_id for c in sorted(r.choices.all(), key=lambda c: c.rank)]
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
        sibling_at = sorted(location_key(s.pk) for s in r.siblings_at.all() if s.pk in locations)
        instance_requests.append(
            {
                "id": request_key(r.pk),
                "registered_at": timezone.localtime(r.registered_at).strftime("%Y-%m-%dT%H:%M:%S"),
                "child_birth": r.child.birth_or_due_date.isoformat(),
                "start_months": [month(earliest), month(r.start_latest)],
                "weekdays": list(r.weekdays),
                "tariffs": r.accepted_tariffs,
                "choices": [location_key(c) for c in choices],
                "flags": request_flags(r),
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
