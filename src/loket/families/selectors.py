"""Reads for the families' desk: a family's requests as the status page shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import F, Sum

from loket.accounts.policies import Scope
from loket.core.weekdays import WEEKDAY_NAMES
from loket.demand.lifecycle import OPEN_STATUSES, Status
from loket.demand.selectors import requests_visible_to
from loket.guide.selectors import open_openings
from loket.guide.services import distance_km
from loket.supply.choices import regimes_offering
from loket.supply.selectors import locations_of_desk, locations_with_ids

from . import offers

if TYPE_CHECKING:
    from loket.supply.models import Location


def family_requests(scope: Scope) -> list:
    """The family's own requests, newest registration first, each with its choices (and each choice's state),
    offers and timeline."""
    requests = list(
        requests_visible_to(scope)
        .filter(child__family_id__in=scope.family_ids)
        .select_related("child", "desk")
        .prefetch_related("choices__location__municipality", "status_changes")
        .order_by("-registered_at", "-pk")
    )
    by_request = offers.offers_by_request([r.pk for r in requests])
    for r in requests:
        r.offer_list = by_request.get(r.pk, [])
        r.open_offer = next((o for o in r.offer_list if o.status == "open"), None)
        r.is_open = r.status in OPEN_STATUSES
        r.weekday_names = [WEEKDAY_NAMES[d] for d in r.weekdays]
        r.asked_still_looking = r.is_open and r.reconfirm_asked_at is not None
        latest = {}
        for offer in sorted(r.offer_list, key=lambda o: o.made_at):
            latest[offer.location_id] = offer
        r.choice_rows = [
            {
                "choice": c,
                "offer": latest.get(c.location_id),
                "state": _choice_state(r, latest.get(c.location_id)),
            }
            for c in r.choices.all()
        ]
    return requests


def _choice_state(request, offer) -> str:
    if offer is not None:
        return offer.get_status_display()
    if request.status in (Status.WITHDRAWN, Status.EXPIRED, Status.PLACED):
        return request.get_status_display()
    from django.utils.translation import gettext

    return gettext("Waiting for a place")


# The choice step: the desk's locations nearest the family first, filtered and paged on the server.

CHOICE_PAGE_SIZE = 10
DISTANCE_CHOICES = (2, 5, 10, 20)


@dataclass(frozen=True)
class ChoiceFilters:
    max_km: int | None = None
    tariffs: frozenset[str] = frozenset()  # "income", "free": locations with that kind of place
    weekdays_mask: int = 0  # open on every one of these days
    youngest_months: int | None = None  # the child's age at the earliest start (the youngest child)
    oldest_months: int | None = None  # at the latest start (the oldest child)


@dataclass
class ChoosableLocation:
    location: Location
    distance_km: float | None
    places_expected: int = 0


@dataclass
class ChoicePage:
    items: list[ChoosableLocation]
    number: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def choosable_locations(
    *,
    desk_id: int,
    origin,
    filters: ChoiceFilters,
    exclude_ids=(),
    latest_start: date | None = None,
    page: int = 1,
    per_page: int = CHOICE_PAGE_SIZE,
) -> ChoicePage:
    """One page of the desk's active locations a family may add, nearest to `origin` (a postcode with a centroid)
    first, else by name. Only the page's locations are loaded whole; the rest is one narrow query, so a region of
    thousands of locations stays one page of work."""
    qs = locations_of_desk(desk=desk_id).exclude(pk__in=list(exclude_ids))
    if filters.tariffs:
        qs = qs.filter(tariff_regime__in=regimes_offering(filters.tariffs))
    if filters.weekdays_mask:
        qs = qs.annotate(_days=F("weekdays_mask").bitand(filters.weekdays_mask)).filter(
            _days=filters.weekdays_mask
        )
    if filters.oldest_months is not None:
        qs = qs.filter(age_min_months__lte=filters.oldest_months)
    if filters.youngest_months is not None:
        qs = qs.filter(age_max_months__gte=filters.youngest_months)
    has_origin = origin is not None and origin.latitude is not None and origin.longitude is not None
    if has_origin and filters.max_km:
        # A box around the origin narrows the query; the exact distance is computed below.
        lat_margin = Decimal(str(round(filters.max_km / 111.0 + 0.01, 5)))
        lon_margin = Decimal(str(round(filters.max_km / 70.0 + 0.01, 5)))
        qs = qs.filter(
            latitude__range=(origin.latitude - lat_margin, origin.latitude + lat_margin),
            longitude__range=(origin.longitude - lon_margin, origin.longitude + lon_margin),
        )
    rows = []
    for pk, name, lat, lon in qs.values_list("pk", "name", "latitude", "longitude"):
        distance = distance_km(origin.latitude, origin.longitude, lat, lon) if has_origin else None
        if distance is not None and filters.max_km and distance > filters.max_km:
            continue
        rows.append((distance if distance is not None else 0.0, name.casefold(), pk, distance))
    rows.sort()
    total = len(rows)
    pages = max(1, -(-total // per_page))
    number = min(max(1, page), pages)
    chosen = rows[(number - 1) * per_page : number * per_page]
    by_pk = locations_with_ids(row[2] for row in chosen).in_bulk()
    expected: dict[int, int] = {}
    if chosen:
        openings = open_openings().filter(location_id__in=[row[2] for row in chosen])
        if latest_start is not None:
            openings = openings.filter(start_month__lte=latest_start)
        for row in openings.values("location_id").annotate(places=Sum("count")):
            expected[row["location_id"]] = row["places"]
    items = [ChoosableLocation(by_pk[row[2]], row[3], expected.get(row[2], 0)) for row in chosen]
    return ChoicePage(items=items, number=number, pages=pages, total=total)
