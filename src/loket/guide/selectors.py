"""Reads for the public pages. The finder shows every active location of every desk: nothing here is personal."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone

from loket.areas.selectors import (
    desks_in_reach,
    municipalities_with_ids,
    neighbourhoods_with_ids,
    postcodes_placed,
)
from loket.core.months import add_months, month_start
from loket.supply.choices import TariffRegime, regimes_offering
from loket.supply.selectors import locations_active, openings_not_withdrawn

from .services import distance_km

if TYPE_CHECKING:
    from loket.areas.models import Desk, Municipality, Neighbourhood, Postcode
    from loket.supply.models import Location, Opening

FREE_SOON_MONTHS = 3
POSTCODE_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class FinderFilters:
    municipality_id: int | None = None
    neighbourhood_id: int | None = None
    age_months: int | None = None
    tariffs: frozenset[str] = frozenset()  # "income", "free"
    weekdays_mask: int = 0
    free_soon: bool = False
    origin: Postcode | None = None
    max_km: int | None = None


@dataclass
class FoundLocation:
    location: Location
    distance_km: float | None = None
    free_soon: list = field(default_factory=list)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def postcode_resolve(*, text: str) -> Postcode | None:
    """The place a parent means by a postcode or an address ("9800", "Kerkstraat 4, 9800 Astene", "Vinkt").

    A postcode that covers several places is narrowed by a place name in the text, else its main place (the one
    named like the municipality). Without a postcode, a place or municipality name in the text is used.
    """
    text = (text or "").strip()
    if not text:
        return None
    folded = _fold(text)
    match = POSTCODE_RE.search(text)
    placed = postcodes_placed()
    if match:
        rows = list(placed.filter(code=match.group(1)))
        if not rows:
            return None
        named = _named_in(folded, rows)
        if named:
            return named
        main = [row for row in rows if _fold(row.place) == _fold(row.municipality.name)]
        return main[0] if main else rows[0]
    rows = list(placed)
    named = _named_in(folded, rows)
    if named:
        return named
    for row in rows:
        if _contains_word(folded, _fold(row.municipality.name)) and _fold(row.place) == _fold(
            row.municipality.name
        ):
            return row
    return None


def _named_in(folded_text: str, rows: list[Postcode]) -> Postcode | None:
    hits = [row for row in rows if _contains_word(folded_text, _fold(row.place))]
    return max(hits, key=lambda row: len(row.place)) if hits else None


def _contains_word(folded_text: str, folded_name: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(folded_name)}(?!\w)", folded_text))


def open_openings(*, today: date | None = None) -> QuerySet[Opening]:
    """Free places a family can be offered: not withdrawn, not kept for urgent care, confirmed recently enough
    (each desk's `free_places_fresh_days`)."""
    now = timezone.now()
    fresh = Q(pk__in=[])
    for desk in desks_in_reach().only("pk", "free_places_fresh_days"):
        fresh |= Q(
            location__municipality__desk_id=desk.pk,
            confirmed_at__gte=now - timedelta(days=desk.free_places_fresh_days),
        )
    return openings_not_withdrawn().filter(fresh, urgent_only=False, location__active=True)


def openings_soon(*, filters: FinderFilters, today: date) -> QuerySet[Opening]:
    qs = open_openings(today=today).filter(start_month__lte=add_months(today, FREE_SOON_MONTHS))
    if filters.age_months is not None:
        qs = qs.filter(age_min_months__lte=filters.age_months, age_max_months__gte=filters.age_months)
    if filters.tariffs and len(filters.tariffs) == 1:
        qs = qs.filter(tariff__in=filters.tariffs)
    if filters.weekdays_mask:
        qs = qs.annotate(_days=F("weekdays_mask").bitand(filters.weekdays_mask)).filter(
            _days=filters.weekdays_mask
        )
    return qs


def location_list(*, filters: FinderFilters, today: date) -> list[FoundLocation]:
    """Active locations that fit the filters; nearest first when the parent gave a place, else by name."""
    qs = locations_active().select_related("municipality", "neighbourhood", "postcode", "organiser")
    if filters.municipality_id:
        qs = qs.filter(municipality_id=filters.municipality_id)
    if filters.neighbourhood_id:
        qs = qs.filter(neighbourhood_id=filters.neighbourhood_id)
    if filters.age_months is not None:
        qs = qs.filter(age_min_months__lte=filters.age_months, age_max_months__gte=filters.age_months)
    if filters.tariffs:
        qs = qs.filter(tariff_regime__in=regimes_offering(filters.tariffs))
    if filters.weekdays_mask:
        qs = qs.annotate(_days=F("weekdays_mask").bitand(filters.weekdays_mask)).filter(
            _days=filters.weekdays_mask
        )
    origin = filters.origin
    if origin is not None and filters.max_km:
        # A box around the origin narrows the query; the exact distance is computed below.
        lat_margin = Decimal(str(round(filters.max_km / 111.0 + 0.01, 5)))
        lon_margin = Decimal(str(round(filters.max_km / 70.0 + 0.01, 5)))
        qs = qs.filter(
            latitude__range=(origin.latitude - lat_margin, origin.latitude + lat_margin),
            longitude__range=(origin.longitude - lon_margin, origin.longitude + lon_margin),
        )
    soon: dict[int, list] = {}
    soon_qs = openings_soon(filters=filters, today=today).filter(location__in=qs.values("pk"))
    for row in (
        soon_qs.values("location_id", "start_month", "tariff")
        .annotate(places=Sum("count"))
        .order_by("start_month")
    ):
        soon.setdefault(row["location_id"], []).append(row)
    found = []
    for location in qs.order_by("name", "pk"):
        if filters.free_soon and location.pk not in soon:
            continue
        distance = None
        if origin is not None:
            distance = distance_km(origin.latitude, origin.longitude, location.latitude, location.longitude)
            if filters.max_km and distance > filters.max_km:
                continue
        found.append(FoundLocation(location, distance, soon.get(location.pk, [])))
    if origin is not None:
        found.sort(key=lambda item: (item.distance_km, item.location.name))
    return found


def location_get(*, pk: int) -> Location | None:
    """An active location with what its public page shows, or None."""
    return (
        locations_active()
        .select_related("municipality__desk", "neighbourhood", "postcode", "organiser", "free_day_price")
        .filter(pk=pk)
        .first()
    )


def location_openings(*, location: Location, today: date) -> list[dict]:
    """Free places at one location, summed per start month, tariff and weekdays."""
    return list(
        open_openings(today=today)
        .filter(location=location, start_month__gte=month_start(today))
        .values("start_month", "tariff", "weekdays_mask", "age_min_months", "age_max_months")
        .annotate(places=Sum("count"))
        .order_by("start_month", "tariff")
    )


def municipalities_with_locations() -> QuerySet[Municipality]:
    return municipalities_with_ids(locations_active().values("municipality_id"))


def neighbourhoods_with_locations() -> QuerySet[Neighbourhood]:
    return neighbourhoods_with_ids(
        locations_active().filter(neighbourhood__isnull=False).values("neighbourhood_id")
    )


def free_price_locations(*, municipality_id: int | None = None) -> QuerySet[Location]:
    """Active locations with free-price places whose day price is known, cheapest first."""
    qs = (
        locations_active()
        .filter(tariff_regime__in=(TariffRegime.FREE, TariffRegime.MIX), free_day_price__isnull=False)
        .select_related("municipality", "free_day_price")
    )
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    return qs.order_by("free_day_price__day_price", "name")


def desks_for_information() -> QuerySet[Desk]:
    return desks_in_reach().prefetch_related("municipalities")
