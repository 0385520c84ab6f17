"""Reads of childcare supply, narrowed to the person's scope."""

from django.db.models import Q, QuerySet

from loket.accounts.policies import Scope

from .models import Location, Opening, Organiser


def locations_managed_by(scope: Scope) -> QuerySet[Location]:
    """Locations a provider's staff member may manage: all of their organiser's, or the single ones assigned."""
    qs = Location.objects.select_related("organiser", "municipality", "postcode")
    if scope.is_superuser:
        return qs
    return qs.filter(Q(organiser_id__in=scope.organiser_ids) | Q(pk__in=scope.location_ids))


def locations_of_desks(desk_ids) -> QuerySet[Location]:
    return Location.objects.filter(municipality__desk_id__in=desk_ids).select_related(
        "organiser", "municipality"
    )


def locations_visible_to(scope: Scope) -> QuerySet[Location]:
    """Locations a staff member may see in management screens (the public finder shows every active one)."""
    if scope.is_superuser:
        return Location.objects.select_related("organiser", "municipality", "postcode")
    return locations_managed_by(scope) | locations_of_desks(scope.desk_ids)


def organisers_visible_to(scope: Scope) -> QuerySet[Organiser]:
    if scope.is_superuser:
        return Organiser.objects.all()
    return Organiser.objects.filter(
        Q(pk__in=scope.organiser_ids)
        | Q(pk__in=scope.location_organiser_ids)
        | Q(locations__municipality__desk_id__in=scope.desk_ids)
    ).distinct()


def openings_current(*, location_ids) -> QuerySet[Opening]:
    return Opening.objects.filter(location_id__in=location_ids, withdrawn_at__isnull=True).order_by(
        "start_month", "pk"
    )
