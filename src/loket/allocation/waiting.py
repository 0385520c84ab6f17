"""The waiting list of one location: the requests still waiting that chose it, in the order the rules would serve
them now (priority class at this location, then the desk's tie-break)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from loket.core import weekdays
from loket.core.months import months_between
from loket.demand.selectors import requests_waiting

from .instance import request_flags
from .models import Offer, Proposal
from .policy import policy_for_desk
from .ranking import class_label, priority_class

if TYPE_CHECKING:
    from loket.demand.models import ChildcareRequest


@dataclass
class WaitingRow:
    position: int
    request: ChildcareRequest
    rank: int
    tariff: str
    class_name: str | None
    class_label: str
    age_at_start_months: int | None
    weekdays: str
    start_earliest: date
    start_latest: date
    paused: bool  # an open offer or a pending proposal elsewhere: its other choices wait


def _age_months(birth: date | None, at: date) -> int | None:
    if birth is None:
        return None
    return max(months_between(birth, at), 0)


def waiting_list(*, location, on: date) -> list[WaitingRow]:
    policy = policy_for_desk(location.municipality.desk, on).policy
    qs = (
        requests_waiting()
        .filter(choices__location=location)
        .select_related("child__family")  # the desk's page shows each file's reference
        .prefetch_related("choices", "siblings_at")
        .distinct()
    )
    paused = set(
        Offer.objects.filter(request__in=qs, status=Offer.Status.OPEN).values_list("request_id", flat=True)
    ) | set(
        Proposal.objects.filter(request__in=qs, status=Proposal.Status.AWAITING_PROVIDER).values_list(
            "request_id", flat=True
        )
    )
    rows = []
    for r in qs:
        tariffs = [t for t in location.tariffs if t in r.accepted_tariffs]
        if not tariffs:
            continue
        sibling = any(s.pk == location.pk for s in r.siblings_at.all())
        flags = request_flags(r)
        best = min((priority_class(policy, t, flags, sibling), t) for t in tariffs)
        (index, name), tariff = best
        rank = next((c.rank for c in r.choices.all() if c.location_id == location.pk), 0)
        start = max(r.start_earliest, on.replace(day=1))
        rows.append(
            (
                (index, r.registered_at, r.pk),
                WaitingRow(
                    position=0,
                    request=r,
                    rank=rank,
                    tariff=tariff,
                    class_name=name,
                    class_label=str(class_label(name)),
                    age_at_start_months=_age_months(r.child.birth_or_due_date, start),
                    weekdays=weekdays.label(r.weekdays_mask),
                    start_earliest=r.start_earliest,
                    start_latest=r.start_latest,
                    paused=r.pk in paused,
                ),
            )
        )
    rows.sort(key=lambda pair: pair[0])
    out = []
    for position, (_key, row) in enumerate(rows, start=1):
        row.position = position
        out.append(row)
    return out
