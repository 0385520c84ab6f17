"""Reads of childcare requests, always narrowed to what the person may see."""

from django.db.models import QuerySet

from loket.accounts.policies import Scope

from .lifecycle import WAITING_STATUSES
from .models import ChildcareRequest, Family, Guardian, StatusChange


def family_id_of_user(user) -> int | None:
    """The family a parent's account belongs to (accounts asks this through the reader demand registers)."""
    return Guardian.objects.filter(user=user).values_list("family_id", flat=True).first()


def request_locked(pk: int) -> ChildcareRequest:
    """A request (with its desk), locked for the rest of the transaction."""
    return ChildcareRequest.objects.select_for_update().select_related("desk").get(pk=pk)


def chosen_location_ids(request: ChildcareRequest) -> list[int]:
    """The locations a request chose, first choice first."""
    return list(request.choices.order_by("rank").values_list("location_id", flat=True))


def requests_waiting() -> QuerySet[ChildcareRequest]:
    """Every request still waiting for a place, with its desk and family."""
    return ChildcareRequest.objects.filter(status__in=WAITING_STATUSES).select_related(
        "desk", "child__family"
    )


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


def status_changes() -> QuerySet[StatusChange]:
    """Every move of every request from one status to another (the reports count them by month and reason)."""
    return StatusChange.objects.all()
