"""Reads for rounds, proposals, offers and waiting lists, always narrowed to the person's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Case, Count, OuterRef, Q, QuerySet, Value, When
from django.db.models.fields.json import KeyTextTransform, KeyTransform

from loket.accounts.policies import Scope
from loket.areas.selectors import desks_in_reach
from loket.demand import selectors as demand_selectors
from loket.supply import selectors as supply_selectors

from .models import DeskPolicy, Offer, Placement, Proposal, ReviewRequest, Round
from .policy import FLEMISH_VERSIONS, PolicyVersion, version_on

if TYPE_CHECKING:
    from loket.demand.models import ChildcareRequest
    from loket.supply.models import Location, Opening

# An offer holds its place while it is open, accepted or placed; a proposal while the provider has not decided.
HOLDING_OFFER_STATUSES = (Offer.Status.OPEN, Offer.Status.ACCEPTED, Offer.Status.PLACED)
ROUND_JSON_FIELDS = ("instance", "result", "explanations", "figures", "check_report")


# A round's JSON columns: large at city or Flanders size, loaded only where a page needs them.
ROUND_BLOBS = ("instance", "result", "explanations", "figures", "check_report")


def rounds_visible_to(scope: Scope) -> QuerySet[Round]:
    qs = Round.objects.select_related("desk", "prepared_by", "run_by", "published_by")
    if scope.is_superuser:
        return qs
    return qs.filter(Q(desk_id__in=scope.desk_ids) | Q(desks__in=scope.desk_ids)).distinct()


def places_held(opening_ids) -> dict[int, tuple[int, int]]:
    """Per opening: (places promised, places placed). Promised places are held by a round's proposal waiting for
    the provider, or by an offer that is open or accepted; placed ones by an offer that became a placement (that
    child is counted in supply's `enrolled` from then on). Supply reads this through the reader registered in
    `AllocationConfig.ready`."""
    held: dict[int, list[int]] = {}
    offers = (
        Offer.objects.filter(opening_id__in=opening_ids, status__in=HOLDING_OFFER_STATUSES)
        .values("opening_id", "status")
        .annotate(n=Count("pk"))
    )
    for row in offers:
        entry = held.setdefault(row["opening_id"], [0, 0])
        entry[1 if row["status"] == Offer.Status.PLACED else 0] += row["n"]
    proposals = (
        Proposal.objects.filter(opening_id__in=opening_ids, status=Proposal.Status.AWAITING_PROVIDER)
        .values("opening_id")
        .annotate(n=Count("pk"))
    )
    for row in proposals:
        held.setdefault(row["opening_id"], [0, 0])[0] += row["n"]
    return {pk: (promised, placed) for pk, (promised, placed) in held.items()}


def places_taken(opening_ids) -> dict[int, int]:
    """How many places of each opening are held by pending proposals and open, accepted or placed offers."""
    return {pk: promised + placed for pk, (promised, placed) in places_held(opening_ids).items()}


def openings_available(*, desk_ids, on, urgent_only=False) -> list[tuple[Opening, int]]:
    """Declared free places in the desks' area a round (or a direct urgent assignment) may use, with how many
    places are still free. A round takes the places `openings_for_round` gives (it leaves out places the provider has
    not re-confirmed in time); a direct urgent assignment the places kept for urgent care."""
    if urgent_only:
        openings = list(supply_selectors.openings_urgent_of_desks(desk_ids))
    else:
        openings = [
            opening
            for desk in desks_in_reach(desk_ids).order_by("pk")
            for opening in supply_selectors.openings_for_round(desk, on)
        ]
    taken = places_taken([o.pk for o in openings])
    return [(o, o.count - taken.get(o.pk, 0)) for o in openings if o.count - taken.get(o.pk, 0) > 0]


def openings_urgent_free(*, desk_ids, on) -> QuerySet[Opening]:
    """The places kept for urgent care in the desks' area that are not all held yet: what a desk may assign directly."""
    free = openings_available(desk_ids=desk_ids, on=on, urgent_only=True)
    return supply_selectors.openings_urgent_of_desks(desk_ids).filter(pk__in=[o.pk for o, _free in free])


def requests_waiting(*, desk_ids) -> QuerySet[ChildcareRequest]:
    """Requests that wait for a place: registered or after a declined offer, without a pending proposal."""
    return (
        demand_selectors.requests_waiting()
        .filter(desk_id__in=desk_ids)
        .exclude(proposals__status=Proposal.Status.AWAITING_PROVIDER)
        .exclude(offers__status=Offer.Status.OPEN)
        .prefetch_related("choices", "siblings_at")
        .order_by("registered_at", "pk")
    )


def proposals_for_provider(scope: Scope) -> QuerySet[Proposal]:
    """Proposals of published rounds at the provider's own locations, never another organiser's."""
    qs = (
        Proposal.objects.filter(round__status=Round.Status.PUBLISHED)
        .select_related("location", "opening", "request__child", "round")
        # A round's JSON is megabytes at a city's size and no proposal page reads it: not once per proposal.
        .defer(*(f"round__{name}" for name in ROUND_JSON_FIELDS))
    )
    if scope.is_superuser:
        return qs
    return qs.filter(
        Q(location__organiser_id__in=scope.organiser_ids) | Q(location_id__in=scope.location_ids)
    )


def offers_for_provider(scope: Scope) -> QuerySet[Offer]:
    qs = Offer.objects.select_related("location", "opening", "request__child")
    if scope.is_superuser:
        return qs
    return qs.filter(
        Q(location__organiser_id__in=scope.organiser_ids) | Q(location_id__in=scope.location_ids)
    )


def offers_of_desks(scope: Scope) -> QuerySet[Offer]:
    qs = Offer.objects.select_related("location", "opening", "request__child__family")
    if scope.is_superuser:
        return qs
    return qs.filter(request__desk_id__in=scope.desk_ids)


def placements_for_provider(scope: Scope) -> QuerySet[Placement]:
    qs = Placement.objects.select_related("location", "request__child")
    if scope.is_superuser:
        return qs
    return qs.filter(
        Q(location__organiser_id__in=scope.organiser_ids) | Q(location_id__in=scope.location_ids)
    )


def reviews_of_desks(scope: Scope) -> QuerySet[ReviewRequest]:
    qs = ReviewRequest.objects.select_related("request__child__family")
    if scope.is_superuser:
        return qs
    return qs.filter(request__desk_id__in=scope.desk_ids)


def waiting_list_locations(scope: Scope) -> QuerySet[Location]:
    """Locations whose waiting list the person may read: the desk's area, or the provider's own locations."""
    return supply_selectors.locations_visible_to(scope)


def latest_explanation(request: ChildcareRequest) -> tuple[Round | None, dict | None]:
    """The explanation of the last published round that held this request (for the family's own page and the
    desk's review of it). The database hands back only this request's part of each round's explanations and the
    round's tie-break (as `round.tie_break`): a round's whole JSON is megabytes at a city's size, and the family's
    page must not even load what the rounds say about other families. The round comes without its JSON columns."""
    key = f"R{request.pk}"  # the instance id (see instance.request_key)
    joint = Round.desks.through.objects.filter(desk_id=request.desk_id).values("round_id")
    rounds = (
        Round.objects.filter(status=Round.Status.PUBLISHED, explanations__isnull=False)
        .filter(Q(desk_id=request.desk_id) | Q(pk__in=joint))
        .defer(*ROUND_BLOBS)
        .annotate(
            own_explanation=KeyTransform(key, "explanations"),
            tie_break=KeyTextTransform("tie_break", KeyTransform("policy", "instance")),
        )
        .order_by("-date", "-pk")
    )
    # The last twelve rounds, as before: a request left out of a year of rounds has no current explanation.
    for round_ in rounds[:12]:
        if round_.own_explanation is not None:
            round_.tie_break = round_.tie_break or "registered_at"
            return round_, round_.own_explanation
    return None, None


def placed_choice_ranks(request_ids) -> dict[str, int]:
    """Of the requests placed (`request_ids`, a list or a subquery): how many got a place at their first ("1"),
    second ("2") or a later choice ("3"), or at a location they had not chosen ("other"), from the placements
    the providers recorded. One query."""
    rank = demand_selectors.choice_rank(request=OuterRef("request_id"), location=OuterRef("location_id"))
    bucket = Case(
        When(choice_rank=1, then=Value("1")),
        When(choice_rank=2, then=Value("2")),
        When(choice_rank__gte=3, then=Value("3")),
        default=Value("other"),
    )
    rows = (
        Placement.objects.filter(request_id__in=request_ids)
        .annotate(choice_rank=rank)
        .annotate(bucket=bucket)
        .values("bucket")
        .annotate(n=Count("request_id", distinct=True))
        .order_by()
    )
    counts = {"1": 0, "2": 0, "3": 0, "other": 0}
    for row in rows:
        counts[row["bucket"]] += row["n"]
    return counts


def reserve_target_shares(*, desk_ids, on) -> dict[int, float | None]:
    """Per desk: the share of children from vulnerable families its income-related rules aim for on `on` (None
    without a reserve), read in one query whatever the number of desks."""
    own: dict[int, list[PolicyVersion]] = {}
    for row in DeskPolicy.objects.filter(desk_id__in=desk_ids).order_by("effective_from"):
        own.setdefault(row.desk_id, []).append(PolicyVersion(row.effective_from, row.name, row.policy))
    out = {}
    for desk_id in desk_ids:
        policy = version_on(own.get(desk_id) or FLEMISH_VERSIONS, on).policy
        reserve = policy["rules"]["income"].get("reserve") or {}
        out[desk_id] = reserve.get("target_share")
    return out


# --- what waits (the role homes, loket.portal) ----------------------------------------------------------------------


def proposals_awaiting_provider(scope: Scope) -> QuerySet[Proposal]:
    """Proposals the provider must still confirm or refuse: until then the family gets no offer."""
    return proposals_for_provider(scope).filter(status=Proposal.Status.AWAITING_PROVIDER)


def starts_to_record(scope: Scope) -> QuerySet[Offer]:
    """Offers the family accepted at the provider's locations, whose contract start is not recorded yet."""
    return offers_for_provider(scope).filter(status=Offer.Status.ACCEPTED)


def reviews_open(scope: Scope) -> QuerySet[ReviewRequest]:
    """Families' requests for a human review that the desk has not answered yet."""
    return reviews_of_desks(scope).filter(status=ReviewRequest.Status.OPEN)


# --- a family's offers, as the desk's follow-up reads them (loket.casework) -----------------------------------------


def offers_open() -> QuerySet[Offer]:
    """Offers waiting for the family's answer (a desk's queue looks for those about to expire)."""
    return Offer.objects.filter(status=Offer.Status.OPEN)


def offers_of_family(family_id: int) -> QuerySet[Offer]:
    """Every offer made to a family, with its location and child."""
    return Offer.objects.filter(request__child__family_id=family_id).select_related(
        "location", "request__child"
    )


# --- The families' desk's window on offers (loket.families): a family's own offers ---------------------------------


def offers_of_requests(request_ids) -> QuerySet[Offer]:
    """Every offer made for these requests, with the location and its municipality."""
    return Offer.objects.filter(request_id__in=list(request_ids)).select_related("location__municipality")


def offers_of_families(family_ids) -> QuerySet[Offer]:
    """The offers made to these families, with what the family's offer page shows."""
    return Offer.objects.filter(request__child__family_id__in=family_ids).select_related(
        "request__child",
        "request__desk",
        "opening",
        "location__municipality",
        "location__postcode",
        "location__free_day_price",
        "proposal",
    )


def requests_offered_at(*, request_ids, location_id: int) -> set[int]:
    """Of these requests, those with an open or accepted offer at this location."""
    return set(
        Offer.objects.filter(
            request_id__in=list(request_ids),
            location_id=location_id,
            status__in=(Offer.Status.OPEN, Offer.Status.ACCEPTED),
        ).values_list("request_id", flat=True)
    )
