"""Open data, no token: every active location with its practical data and whether it has free places."""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from loket.allocation.selectors import places_taken
from loket.supply.selectors import locations_active, openings_not_withdrawn

from .pagination import PageParams, paginate
from .schemas import MAX_ID, CareTypeName, PublicLocation, TariffName, page_of

if TYPE_CHECKING:
    from loket.supply.models import Location

router = Router(tags=["Open data"])

PublicLocationPage = page_of(PublicLocation, "PublicLocationPage")


class LocationFilters(Schema):
    municipality: str | None = Field(None, pattern=r"^[0-9]{5}$", description="NIS code of the municipality.")
    postcode: str | None = Field(None, pattern=r"^[0-9]{4}$")
    care_type: CareTypeName | None = None
    tariff: TariffName | None = Field(None, description="Only locations with places at this tariff.")
    has_free_places: bool | None = None
    age_months: int | None = Field(
        None, ge=0, le=72, description="Only locations that take a child this old."
    )


def free_places_by_location(location_ids) -> dict[int, tuple[int, object]]:
    """Per location: how many declared free places are not yet held by an offer or proposal, and the earliest
    start month among them. Places kept for urgent care are not public."""
    openings = list(openings_not_withdrawn().filter(location_id__in=location_ids, urgent_only=False))
    taken = places_taken([o.pk for o in openings])
    out: dict[int, tuple[int, object]] = {}
    for opening in openings:
        free = opening.count - taken.get(opening.pk, 0)
        if free <= 0:
            continue
        count, first = out.get(opening.location_id, (0, None))
        out[opening.location_id] = (
            count + free,
            min(first, opening.start_month) if first else opening.start_month,
        )
    return out


def public_location(location: "Location", free: dict) -> dict:
    count, first = free.get(location.pk, (0, None))
    return {
        "id": location.pk,
        "name": location.name,
        "care_type": location.care_type,
        "organiser": location.organiser.name,
        "address": {
            "street": location.street,
            "postcode": location.postcode.code,
            "place": location.municipality.name,
        },
        "municipality": {"nis_code": location.municipality.nis_code, "name": location.municipality.name},
        "neighbourhood": location.neighbourhood.name if location.neighbourhood_id else None,
        "latitude": float(location.latitude),
        "longitude": float(location.longitude),
        "phone": location.phone,
        "email": location.email,
        "languages": location.languages,
        "description": location.description,
        "opens_at": location.opens_at.strftime("%H:%M"),
        "closes_at": location.closes_at.strftime("%H:%M"),
        "weekdays": list(location.weekdays),
        "age_min_months": location.age_min_months,
        "age_max_months": location.age_max_months,
        "tariff_regime": location.tariff_regime,
        "subsidy_step": location.subsidy_step,
        "licensed_capacity": location.licensed_capacity,
        "has_free_places": count > 0,
        "free_places": count,
        "free_from": first,
    }


def _public_locations():
    return locations_active().select_related("organiser", "municipality", "postcode", "neighbourhood")


@router.get("/locations", response=PublicLocationPage, url_name="locations", auth=None)
def locations(request, filters: Query[LocationFilters], paging: Query[PageParams]):
    """All active childcare locations, 25 a page, filtered by municipality, postcode, type, tariff, age and
    whether they have free places."""
    qs = _public_locations().order_by("name", "pk")
    if filters.municipality:
        qs = qs.filter(municipality__nis_code=filters.municipality)
    if filters.postcode:
        qs = qs.filter(postcode__code=filters.postcode)
    if filters.care_type:
        qs = qs.filter(care_type=filters.care_type)
    if filters.tariff:
        qs = qs.filter(Q(tariff_regime=filters.tariff) | Q(tariff_regime="mix"))
    if filters.age_months is not None:
        qs = qs.filter(age_min_months__lte=filters.age_months, age_max_months__gte=filters.age_months)
    if filters.has_free_places is not None:
        with_free = list(free_places_by_location(qs.values_list("pk", flat=True)))
        qs = qs.filter(pk__in=with_free) if filters.has_free_places else qs.exclude(pk__in=with_free)
    result = paginate(request, qs, paging, lambda loc: loc)
    free = free_places_by_location([loc.pk for loc in result["results"]])
    result["results"] = [public_location(loc, free) for loc in result["results"]]
    return result


@router.get("/locations/{location_id}", response=PublicLocation, url_name="location", auth=None)
def location(request, location_id: int = Path(..., ge=1, le=MAX_ID)):
    """One active location."""
    found = get_object_or_404(_public_locations(), pk=location_id)
    return public_location(found, free_places_by_location([found.pk]))
