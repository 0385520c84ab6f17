"""Reads of childcare requests, always narrowed to what the person may see."""

from django.db.models import Count, Q, QuerySet

from loket.accounts.policies import Scope

from .lifecycle import OPEN_STATUSES, Status
from .models import ChildcareRequest, Choice, Family, StatusChange
from .priority import vulnerable_condition


def requests_visible_to(scope: Scope) -> QuerySet[ChildcareRequest]:
    """Desk staff see their desks' requests; parents their own family's. Providers and partners do not read
    requests here: they get narrower views of their own (only the fields they need)."""
    qs = ChildcareRequest.objects.select_related("child__family", "desk")
    if scope.is_superuser:
        return qs
    if scope.desk_ids:
        return qs.filter(desk_id__in=scope.desk_ids) | qs.filter(child__family_id__in=scope.family_ids)
    if scope.family_ids:
        return qs.filter(child__family_id__in=scope.family_ids)
    return qs.none()


def families_visible_to(scope: Scope) -> QuerySet[Family]:
    qs = Family.objects.all()
    if scope.is_superuser:
        return qs
    if scope.desk_ids:
        return qs.filter(desk_id__in=scope.desk_ids) | qs.filter(pk__in=scope.family_ids)
    return qs.filter(pk__in=scope.family_ids)


def status_counts(*, desk_ids) -> dict[str, int]:
    from django.db.models import Count

    rows = ChildcareRequest.objects.filter(desk_id__in=desk_ids).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def status_changes() -> QuerySet[StatusChange]:
    """Every move of every request from one status to another (the reports count them by month and reason)."""
    return StatusChange.objects.all()


# --- figures for the role homes (loket.portal) ----------------------------------------------------------------------


def desk_request_figures(*, desk) -> dict:
    """A desk's requests by status (every status, in the lifecycle's order), and the urgent and vulnerable ones still
    open."""
    requests = ChildcareRequest.objects.filter(desk=desk)
    by_status = dict(requests.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    open_requests = requests.filter(status__in=OPEN_STATUSES)
    return {
        "statuses": [(Status(s).label, by_status.get(s, 0), s) for s in Status.values],
        "total": sum(by_status.values()),
        "urgent_open": open_requests.filter(urgent=True).count(),
        "vulnerable_open": open_requests.filter(vulnerable_condition()).count(),
    }


def recent_requests(*, desk_ids, limit: int = 15) -> QuerySet[ChildcareRequest]:
    return (
        ChildcareRequest.objects.filter(desk_id__in=desk_ids)
        .select_related("child__family")
        .order_by("-registered_at")[:limit]
    )


def open_choice_counts(*, location_ids) -> dict[int, tuple[int, int]]:
    """Per location: how many open requests chose it, and how many as their first choice (one query)."""
    rows = (
        Choice.objects.filter(location_id__in=location_ids, request__status__in=OPEN_STATUSES)
        .values("location_id")
        .annotate(n=Count("pk", distinct=True), first=Count("pk", filter=Q(rank=1), distinct=True))
    )
    return {row["location_id"]: (row["n"], row["first"]) for row in rows}
