"""Helpers for the families' desk tests."""

import re
from datetime import date, timedelta

from django.core import mail


def next_month(months: int = 1) -> str:
    today = date.today()
    index = today.year * 12 + today.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def link_from_outbox(to: str) -> str:
    for message in reversed(mail.outbox):
        if to in message.to:
            found = re.search(r"https?://\S+/gezin/aanmelden/link/\S+/", message.body)
            if found:
                return found.group(0)
    raise AssertionError(f"no sign-in link mailed to {to}")


def make_offer(request, location):
    """An open offer for `request` at `location`, as the allocation app makes one (the request becomes "offered")."""
    from django.utils import timezone

    from loket.allocation.models import Offer
    from loket.demand.lifecycle import Status
    from loket.demand.services import request_change_status
    from loket.testing.factories import make_opening

    opening = make_opening(location, start_month=request.start_earliest)
    offer = Offer.objects.create(
        request=request,
        opening=opening,
        location=location,
        made_at=timezone.now(),
        deadline=timezone.now() + timedelta(days=10),
    )
    request_change_status(request=request, to=Status.OFFERED, reason=f"offer {offer.pk}")
    return offer
