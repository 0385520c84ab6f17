"""The status page's window on offers (made by `loket.allocation.offers`): which offers a family has, and its answer.
Kept in one place so the families' desk depends on the allocation app through these few functions only."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from loket.allocation.selectors import offers_of_families, offers_of_requests, requests_offered_at
from loket.demand.selectors import requests_registered_with


def offers_by_request(request_ids) -> dict[int, list]:
    found: dict[int, list] = {}
    for offer in offers_of_requests(request_ids):
        found.setdefault(offer.request_id, []).append(offer)
    return found


def offer_for_family(*, scope, pk):
    return get_object_or_404(offers_of_families(scope.family_ids), pk=pk)


def accept(*, offer, actor, keep_waiting: bool = False):
    from loket.allocation.offers import offer_accept

    return offer_accept(offer=offer, actor=actor, keep_waiting=keep_waiting)


def decline(*, offer, actor, reason: str):
    from loket.allocation.offers import offer_decline

    return offer_decline(offer=offer, actor=actor, reason=reason)


def offer_facts(offer) -> dict:
    """What a family needs to decide on an offer, about itself only: when and which days, the location's address and
    hours, the estimated price (income-related: the calculator's range for the offered days; free price: the
    location's day price less the allowance) and why it got this place (its own choice rank and priority group)."""
    from loket.allocation.ranking import class_label
    from loket.core.weekdays import WEEKDAY_NAMES, from_mask
    from loket.guide.services import WEEKS_PER_MONTH, day_price_estimate, free_price_net
    from loket.supply.choices import Tariff

    opening, location, request = offer.opening, offer.location, offer.request
    days = from_mask(opening.weekdays_mask)
    shared_days = [d for d in days if d in request.weekdays] or list(days)
    facts = {
        "start": opening.start_month,
        "days": [WEEKDAY_NAMES[d] for d in days],
        "opening_days": [WEEKDAY_NAMES[d] for d in from_mask(location.weekdays_mask)],
        "opens_at": location.opens_at,
        "closes_at": location.closes_at,
        "tariff": opening.get_tariff_display(),
        "price": None,
        "why": [],
    }
    per_week = max(1, min(len(shared_days), 7))
    if opening.tariff == Tariff.INCOME:
        try:
            lowest = day_price_estimate(income=Decimal(0), days_per_week=per_week, on=opening.start_month)
            highest = day_price_estimate(income=None, days_per_week=per_week, on=opening.start_month)
        except LookupError:
            lowest = highest = None
        if lowest is not None:
            facts["price"] = {
                "kind": "income",
                "day_low": lowest.day_price,
                "day_high": highest.day_price,
                "month_low": lowest.month_price,
                "month_high": highest.month_price,
                "days_per_week": per_week,
            }
    else:
        free = getattr(location, "free_day_price", None)
        if free is not None:
            from loket.guide.tariffs import tariff_year_on

            try:
                net = free_price_net(day_price=free.day_price, year=tariff_year_on(opening.start_month))
            except LookupError:
                net = free.day_price
            facts["price"] = {
                "kind": "free",
                "day": free.day_price,
                "day_net": net,
                "month": (free.day_price * per_week * WEEKS_PER_MONTH).quantize(Decimal("0.01")),
                "days_per_week": per_week,
            }
    proposal = getattr(offer, "proposal", None)
    rank = (
        proposal.rank
        if proposal is not None
        else request.choices.filter(location_id=location.pk).values_list("rank", flat=True).first()
    )
    if offer.kind == offer.Kind.URGENT:
        facts["why"].append(_("The desk assigned this place to you directly, for urgent care."))
    if rank:
        facts["why"].append(_("This location was your choice %(rank)s.") % {"rank": rank})
    if proposal is not None:
        facts["why"].append(
            _("Your priority group at this place: %(group)s.")
            % {"group": class_label(proposal.priority_class or None)}
        )
        facts["why"].append(
            _(
                "The free places go to the families that come first under the rules; at this place, that "
                "included you."
            )
        )
    facts["together_missing"] = False
    if request.only_together:
        others = set(requests_registered_with(request).values_list("pk", flat=True))
        facts["together_missing"] = bool(
            others - requests_offered_at(request_ids=others, location_id=location.pk)
        )
    return facts
