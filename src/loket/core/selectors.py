"""Reads for the role home pages. Figures are SQL aggregates, narrowed to the person's scope."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from loket.areas.models import Desk
from loket.demand.lifecycle import OPEN_STATUSES, Status
from loket.demand.models import ChildcareRequest
from loket.demand.priority import vulnerable_condition
from loket.demand.selectors import counted_requests
from loket.network.models import Partner
from loket.supply.models import Location, Opening, Organiser
from loket.supply.selectors import with_free_places


def desk_overview(*, desk_ids) -> list[dict]:
    """Per desk: requests by status, urgent and vulnerable ones still open, and the supply of its area."""
    desks = []
    for desk in Desk.objects.filter(pk__in=desk_ids).order_by("name"):
        requests = counted_requests().filter(desk=desk)  # merged duplicates count nowhere
        by_status = dict(requests.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        open_requests = requests.filter(status__in=OPEN_STATUSES)
        vulnerable_open = open_requests.filter(vulnerable_condition()).count()
        locations = Location.objects.filter(municipality__desk=desk, active=True)
        supply = locations.aggregate(
            capacity=Sum("licensed_capacity"), enrolled=Sum("enrolled_total"), n=Count("pk")
        )
        free = Opening.objects.filter(
            location__in=locations,
            withdrawn_at__isnull=True,
            start_month__gte=timezone.localdate().replace(day=1),
        ).aggregate(n=Sum("count"))
        desks.append(
            {
                "desk": desk,
                "statuses": [(Status(s).label, by_status.get(s, 0), s) for s in Status.values],
                "total": sum(by_status.values()),
                "urgent_open": open_requests.filter(urgent=True).count(),
                "vulnerable_open": vulnerable_open,
                "locations": supply["n"] or 0,
                "capacity": supply["capacity"] or 0,
                "enrolled": supply["enrolled"] or 0,
                "free_places": free["n"] or 0,
            }
        )
    return desks


def recent_requests(*, desk_ids, limit: int = 15):
    return (
        ChildcareRequest.objects.filter(desk_id__in=desk_ids)
        .select_related("child__family")
        .order_by("-registered_at")[:limit]
    )


def provider_locations(*, locations):
    # Free places are counted by supply's selector, which the support desk's provider panel reads too.
    return (
        with_free_places(locations)
        .annotate(
            chosen_by=Count("choices", filter=Q(choices__request__status__in=OPEN_STATUSES), distinct=True),
            chosen_first_by=Count(
                "choices",
                filter=Q(choices__request__status__in=OPEN_STATUSES, choices__rank=1),
                distinct=True,
            ),
        )
        .order_by("name")
    )


def partners_of(*, partner_ids):
    return Partner.objects.filter(pk__in=partner_ids).prefetch_related("desks")


def organisers_overview():
    return Organiser.objects.annotate(
        n_locations=Count("locations", distinct=True), capacity=Sum("locations__licensed_capacity")
    ).order_by("name")


def figures_by_municipality(*, desk_ids=None):
    """Requests per municipality (of the location ranked first) and status; `None` means every desk."""
    requests = counted_requests()
    if desk_ids is not None:
        requests = requests.filter(desk_id__in=desk_ids)
    rows = (
        requests.filter(choices__rank=1)
        .values("choices__location__municipality__name", "status")
        .annotate(n=Count("pk"))
        .order_by("choices__location__municipality__name")
    )
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row["choices__location__municipality__name"], {})[row["status"]] = row["n"]
    return [
        {
            "municipality": name,
            "total": sum(counts.values()),
            "placed": counts.get(Status.PLACED, 0),
            "waiting": sum(
                counts.get(s, 0)
                for s in (Status.REGISTERED, Status.DECLINED, Status.OFFERED, Status.ACCEPTED)
            ),
            "withdrawn": counts.get(Status.WITHDRAWN, 0),
            "expired": counts.get(Status.EXPIRED, 0),
        }
        for name, counts in sorted(table.items())
    ]
