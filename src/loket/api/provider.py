"""For providers' own software (a provider token, one organiser): their locations' free places and enrolled counts,
the requests that chose their locations, proposals to confirm and placements to record.

Every write calls the supply and allocation services, the same functions the providers' portal calls, so the rules
are the portal's rules. Everything is narrowed to the token's organiser: another organiser's id answers 404.
"""

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Header, Path, Query, Router, Schema, Status

from loket.allocation import offers as allocation_offers
from loket.allocation import selectors as allocation_selectors
from loket.audit.services import audit_record_each
from loket.core import weekdays as wd
from loket.demand.selectors import requests_of_desks
from loket.supply import selectors as supply_selectors
from loket.supply import services as supply_services
from loket.supply.selectors import locations_managed_by, openings_managed_by

from .http import ProviderToken
from .pagination import PageParams, paginate
from .schemas import (
    MAX_ID,
    EnrolledIn,
    OfferOut,
    OpeningChange,
    OpeningIn,
    OpeningOut,
    PlacementIn,
    PlacementOut,
    ProposalOut,
    ProviderLocation,
    RequestChoiceOut,
    WithdrawIn,
    page_of,
)

if TYPE_CHECKING:
    from loket.supply.models import Opening

router = Router(tags=["Providers"], auth=ProviderToken())

ProviderLocationPage = page_of(ProviderLocation, "ProviderLocationPage")
OpeningPage = page_of(OpeningOut, "OpeningPage")
RequestChoicePage = page_of(RequestChoiceOut, "RequestChoicePage")
ProposalPage = page_of(ProposalOut, "ProposalPage")
OfferPage = page_of(OfferOut, "OfferPage")

IDEMPOTENCY_KEY_DOC = "A key you choose (at most 200 characters) so a retry never declares the places twice."


def _locations(request):
    return locations_managed_by(request.api_scope).select_related("municipality")


def _openings(request):
    return openings_managed_by(request.api_scope)


def provider_location(location) -> dict:
    return {
        "id": location.pk,
        "name": location.name,
        "care_type": location.care_type,
        "municipality": {"nis_code": location.municipality.nis_code, "name": location.municipality.name},
        "licensed_capacity": location.licensed_capacity,
        "tariff_regime": location.tariff_regime,
        "income_places": location.income_places,
        "weekdays": list(location.weekdays),
        "enrolled_total": location.enrolled_total,
        "enrolled_reserve_eligible": location.enrolled_reserve_eligible,
        "enrolled_updated_at": location.enrolled_updated_at,
    }


def opening_out(opening: "Opening") -> dict:
    return {
        "id": opening.pk,
        "location_id": opening.location_id,
        "tariff": opening.tariff,
        "start_month": opening.start_month,
        "weekdays": list(opening.weekdays),
        "age_min_months": opening.age_min_months,
        "age_max_months": opening.age_max_months,
        "count": opening.count,
        "urgent_only": opening.urgent_only,
        "confirmed_at": opening.confirmed_at,
        "withdrawn_at": opening.withdrawn_at,
    }


# Locations and enrolled counts -------------------------------------------------------------------------------------


@router.get("/locations", response=ProviderLocationPage, url_name="provider_locations")
def locations(request, paging: Query[PageParams]):
    """The token's organiser's locations with their enrolled counts."""
    return paginate(request, _locations(request).order_by("name", "pk"), paging, provider_location)


@router.get("/locations/{location_id}", response=ProviderLocation, url_name="provider_location")
def location(request, location_id: int = Path(..., ge=1, le=MAX_ID)):
    return provider_location(get_object_or_404(_locations(request), pk=location_id))


@router.put(
    "/locations/{location_id}/enrolled", response=ProviderLocation, url_name="provider_location_enrolled"
)
def set_enrolled(request, payload: EnrolledIn, location_id: int = Path(..., ge=1, le=MAX_ID)):
    """Record how many children are in care now and how many of them come from vulnerable families."""
    found = get_object_or_404(_locations(request), pk=location_id)
    updated = supply_services.location_set_enrolled(
        location=found,
        total=payload.enrolled_total,
        reserve_eligible=payload.enrolled_reserve_eligible,
        actor=None,
    )
    return provider_location(updated)


# Free places (openings) --------------------------------------------------------------------------------------------


class OpeningFilters(Schema):
    location_id: int | None = Field(None, ge=1, le=MAX_ID)
    include_withdrawn: bool = Field(False, description="Also list withdrawn free places.")


@router.get("/openings", response=OpeningPage, url_name="provider_openings")
def openings(request, filters: Query[OpeningFilters], paging: Query[PageParams]):
    """The free places declared at the organiser's locations, by start month."""
    qs = _openings(request).order_by("start_month", "pk")
    if filters.location_id:
        qs = qs.filter(location_id=filters.location_id)
    if not filters.include_withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    return paginate(request, qs, paging, opening_out)


@router.get("/openings/{opening_id}", response=OpeningOut, url_name="provider_opening")
def opening(request, opening_id: int = Path(..., ge=1, le=MAX_ID)):
    return opening_out(get_object_or_404(_openings(request), pk=opening_id))


@router.post(
    "/openings",
    response={201: OpeningOut},
    url_name="provider_openings_declare",
)
def declare(
    request,
    payload: OpeningIn,
    idempotency_key: str = Header(
        ..., alias="Idempotency-Key", min_length=1, max_length=200, description=IDEMPOTENCY_KEY_DOC
    ),
):
    """Declare free places (Idempotency-Key required: a retry with the same key and body declares nothing new)."""
    found = get_object_or_404(_locations(request), pk=payload.location_id)
    created = supply_services.opening_declare(
        location=found,
        tariff=payload.tariff,
        start_month=payload.start_month,
        weekdays=payload.weekdays,
        count=payload.count,
        age_min_months=payload.age_min_months,
        age_max_months=payload.age_max_months,
        urgent_only=payload.urgent_only,
        actor=None,
    )
    return Status(201, opening_out(created))


@router.patch("/openings/{opening_id}", response=OpeningOut, url_name="provider_opening_change")
def change(request, payload: OpeningChange, opening_id: int = Path(..., ge=1, le=MAX_ID)):
    """Change free places no allocation round has used yet. Send only the fields to change."""
    found = get_object_or_404(_openings(request), pk=opening_id)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    changed = supply_services.opening_change(opening=found, actor=None, **changes)
    return opening_out(changed)


@router.post("/openings/{opening_id}/withdraw", response=OpeningOut, url_name="provider_opening_withdraw")
def withdraw(request, payload: WithdrawIn, opening_id: int = Path(..., ge=1, le=MAX_ID)):
    """Withdraw free places no allocation round has used yet (withdrawing twice changes nothing)."""
    found = get_object_or_404(_openings(request), pk=opening_id)
    return opening_out(supply_services.opening_withdraw(opening=found, actor=None, reason=payload.reason))


@router.post("/openings/{opening_id}/confirm", response=OpeningOut, url_name="provider_opening_confirm")
def confirm(request, opening_id: int = Path(..., ge=1, le=MAX_ID)):
    """Say the free places are still free, so the desk's rounds count them as fresh."""
    found = get_object_or_404(_openings(request), pk=opening_id)
    return opening_out(supply_services.opening_confirm(opening=found, actor=None))


# Requests, proposals, offers and placements -------------------------------------------------------------------------


class RequestFilters(Schema):
    location_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only requests that chose this location."
    )


def request_out(row, location_id: int, masks: dict) -> dict:
    return {
        "id": row.pk,
        "location_id": location_id,
        "rank": row.rank,
        "age_months_at_start": row.age_at_start_months,
        "born": row.born,
        "weekdays": list(wd.from_mask(masks.get(row.pk, 0))),
        "start_earliest": row.start_earliest,
        "start_latest": row.start_latest,
        "priority_classes": [
            {"tariff": c.tariff, "position": c.position, "label": str(c.label)} for c in row.classes
        ],
    }


class _RequestRows:
    """The (request row, location id) pairs of the organiser's locations, in their order, for `paginate`: counted in
    the database, and only the locations a page reaches are ranked (an organiser with 40 centres and 1,600 waiting
    requests ranked them all for every page of 25)."""

    def __init__(self, locations, *, on):
        self.locations, self.on = locations, on
        self.counts = supply_selectors.waiting_count_per_location([found.pk for found in locations])

    def count(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, wanted: slice) -> list:
        reached, first = [], 0
        for found in self.locations:
            n = self.counts.get(found.pk, 0)
            if n and first < wanted.stop and first + n > wanted.start:
                reached.append((found, first))
            first += n
        ranked = supply_selectors.requests_for_locations(
            locations=[found for found, _ in reached], on=self.on
        )
        out = []
        for found, first in reached:
            rows = ranked[found.pk]
            out.extend((row, found.pk) for row in rows[max(0, wanted.start - first) : wanted.stop - first])
        return out


@router.get("/requests", response=RequestChoicePage, url_name="provider_requests")
def requests(request, filters: Query[RequestFilters], paging: Query[PageParams]):
    """Waiting requests that chose the organiser's locations, per location in the order the priority rules look
    at them there (the providers' portal's list). Reading them is recorded in each family's audit trail."""
    locations = _locations(request).order_by("name", "pk")
    if filters.location_id:
        locations = locations.filter(pk=filters.location_id)
    page = paginate(
        request, _RequestRows(list(locations), on=timezone.localdate()), paging, lambda item: item
    )
    shown = page["results"]
    ids = [row.pk for row, _location_id in shown]
    # The rows come from the organiser's own locations' lists: these ids are requests it may see.
    requests_shown = requests_of_desks().filter(pk__in=ids)
    masks = {found.pk: found.weekdays_mask for found in requests_shown}
    audit_record_each(
        actor=None,
        event="request.viewed_by_provider_api",
        objects=[(found, found.desk_id, found.child.family_id) for found in requests_shown],
        token=request.auth.prefix,
    )
    page["results"] = [request_out(row, location_id, masks) for row, location_id in shown]
    return page


def proposal_out(proposal) -> dict:
    return {
        "id": proposal.pk,
        "round_id": proposal.round_id,
        "request_id": proposal.request_id,
        "location_id": proposal.location_id,
        "opening_id": proposal.opening_id,
        "rank": proposal.rank,
        "priority_class": proposal.priority_class,
        "status": proposal.status,
        "created_at": proposal.created_at,
    }


def offer_out(offer) -> dict:
    return {
        "id": offer.pk,
        "request_id": offer.request_id,
        "proposal_id": offer.proposal_id,
        "location_id": offer.location_id,
        "opening_id": offer.opening_id,
        "kind": offer.kind,
        "status": offer.status,
        "made_at": offer.made_at,
        "deadline": offer.deadline,
    }


class StatusFilter(Schema):
    status: str | None = Field(None, pattern=r"^[a-z]{1,12}$", description="Only items with this status.")


@router.get("/proposals", response=ProposalPage, url_name="provider_proposals")
def proposals(request, filters: Query[StatusFilter], paging: Query[PageParams]):
    """Proposals of published allocation rounds at the organiser's locations (`awaiting`: to confirm)."""
    qs = allocation_selectors.proposals_for_provider(request.api_scope).order_by("-created_at", "-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return paginate(request, qs, paging, proposal_out)


@router.post("/proposals/{proposal_id}/confirm", response=OfferOut, url_name="provider_proposal_confirm")
def proposal_confirm(request, proposal_id: int = Path(..., ge=1, le=MAX_ID)):
    """Confirm a proposal: the family gets the offer (the allocation app's `offer_confirm`)."""
    proposal = get_object_or_404(
        allocation_selectors.proposals_for_provider(request.api_scope), pk=proposal_id
    )
    return offer_out(allocation_offers.offer_confirm(proposal=proposal, actor=None))


@router.get("/offers", response=OfferPage, url_name="provider_offers")
def offers(request, filters: Query[StatusFilter], paging: Query[PageParams]):
    """Offers at the organiser's locations (`accepted`: ready to record the placement)."""
    qs = allocation_selectors.offers_for_provider(request.api_scope).order_by("-made_at", "-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return paginate(request, qs, paging, offer_out)


@router.post("/placements", response={201: PlacementOut}, url_name="provider_placements_record")
def placement(
    request,
    payload: PlacementIn,
    idempotency_key: str = Header(
        ..., alias="Idempotency-Key", min_length=1, max_length=200, description=IDEMPOTENCY_KEY_DOC
    ),
):
    """Record the contract start of an accepted offer: the child is placed and the enrolled counts go up
    (Idempotency-Key required)."""
    offer = get_object_or_404(
        allocation_selectors.offers_for_provider(request.api_scope), pk=payload.offer_id
    )
    placed = allocation_offers.placement_record(
        offer=offer, contract_start=payload.contract_start, actor=None
    )
    return Status(
        201,
        {
            "id": placed.pk,
            "offer_id": placed.offer_id,
            "request_id": placed.request_id,
            "location_id": placed.location_id,
            "tariff": placed.tariff,
            "contract_start": placed.contract_start,
        },
    )
