"""Reads of childcare requests, always narrowed to what the person may see."""

from django.db.models import QuerySet

from loket.accounts.policies import Scope

from .models import ChildcareRequest, Family, StatusChange


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
