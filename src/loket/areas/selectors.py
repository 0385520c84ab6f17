"""Reads of desks and their areas."""

from django.db.models import QuerySet

from .models import Desk, Municipality, Neighbourhood


def desks_in_reach(desk_ids=None) -> QuerySet[Desk]:
    """The desks with these ids (every desk for None), by name."""
    qs = Desk.objects.order_by("name", "pk")
    return qs if desk_ids is None else qs.filter(pk__in=desk_ids)


def municipalities_of_desks(desk_ids=None) -> QuerySet[Municipality]:
    qs = Municipality.objects.order_by("name", "pk")
    return qs if desk_ids is None else qs.filter(desk_id__in=desk_ids)


def neighbourhoods_of_desks(desk_ids=None) -> QuerySet[Neighbourhood]:
    qs = Neighbourhood.objects.select_related("municipality").order_by("municipality__name", "name", "pk")
    return qs if desk_ids is None else qs.filter(municipality__desk_id__in=desk_ids)


def municipality_names(ids) -> dict[int, str]:
    return dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name"))


def municipalities_by_pk(ids) -> dict[int, Municipality]:
    return Municipality.objects.in_bulk(ids)


def neighbourhood_names(ids) -> dict[int, str]:
    return dict(Neighbourhood.objects.filter(pk__in=ids).values_list("pk", "name"))


def desk_names(ids) -> dict[int, str]:
    return dict(Desk.objects.filter(pk__in=ids).values_list("pk", "name"))
