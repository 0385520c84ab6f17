"""Reads for the families' desk: a family's requests as the status page shows them."""

from loket.accounts.policies import Scope
from loket.core.weekdays import WEEKDAY_NAMES
from loket.demand.lifecycle import OPEN_STATUSES, Status
from loket.demand.selectors import requests_visible_to

from . import offers


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
