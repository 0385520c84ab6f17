"""The status page's window on offers (made by `loket.allocation.offers`): which offers a family has, and its answer.
Kept in one place so the families' desk depends on the allocation app through these few functions only."""

from django.shortcuts import get_object_or_404


def offers_by_request(request_ids) -> dict[int, list]:
    from loket.allocation.models import Offer

    found: dict[int, list] = {}
    for offer in Offer.objects.filter(request_id__in=list(request_ids)).select_related(
        "location__municipality"
    ):
        found.setdefault(offer.request_id, []).append(offer)
    return found


def offer_for_family(*, scope, pk):
    from loket.allocation.models import Offer

    return get_object_or_404(
        Offer.objects.select_related(
            "request__child", "request__desk", "opening", "location__municipality", "location__postcode"
        ),
        pk=pk,
        request__child__family_id__in=scope.family_ids,
    )


def accept(*, offer, actor, keep_waiting: bool = False):
    from loket.allocation.offers import offer_accept

    return offer_accept(offer=offer, actor=actor, keep_waiting=keep_waiting)


def decline(*, offer, actor, reason: str):
    from loket.allocation.offers import offer_decline

    return offer_decline(offer=offer, actor=actor, reason=reason)
