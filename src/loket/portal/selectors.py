"""Reads for the role home pages: figures as SQL aggregates, and what waits for the person ("work"), each count one
query through the domain apps' selectors, narrowed to the person's scope."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.accounts.policies import Scope
from loket.allocation import selectors as allocation_selectors
from loket.areas.models import Desk
from loket.casework import selectors as casework_selectors
from loket.demand.lifecycle import OPEN_STATUSES, Status
from loket.demand.models import ChildcareRequest
from loket.demand.priority import vulnerable_condition
from loket.network.models import Partner
from loket.supply.models import Location, Opening
from loket.supply.selectors import locations_managed_by, openings_stale, with_free_places
from loket.support import selectors as support_selectors


def desk_overview(*, desk_ids) -> list[dict]:
    """Per desk: requests by status, urgent and vulnerable ones still open, and the supply of its area."""
    desks = []
    for desk in Desk.objects.filter(pk__in=desk_ids).order_by("name"):
        requests = ChildcareRequest.objects.filter(desk=desk)
        by_status = dict(requests.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        open_requests = requests.filter(status__in=OPEN_STATUSES)
        vulnerable_open = open_requests.filter(vulnerable_condition()).count()
        locations = Location.objects.filter(municipality__desk=desk, active=True)
        supply = locations.aggregate(
            capacity=Sum("licensed_capacity"), enrolled=Sum("enrolled_total"), n=Count("pk")
        )
        free = Opening.objects.filter(
            location__in=locations,
            withdrawn_at__isnull=True,
            start_month__gte=timezone.localdate().replace(day=1),
        ).aggregate(n=Sum("count"))
        desks.append(
            {
                "desk": desk,
                "statuses": [(Status(s).label, by_status.get(s, 0), s) for s in Status.values],
                "total": sum(by_status.values()),
                "urgent_open": open_requests.filter(urgent=True).count(),
                "vulnerable_open": vulnerable_open,
                "locations": supply["n"] or 0,
                "capacity": supply["capacity"] or 0,
                "enrolled": supply["enrolled"] or 0,
                "free_places": free["n"] or 0,
            }
        )
    return desks


def recent_requests(*, desk_ids, limit: int = 15):
    return (
        ChildcareRequest.objects.filter(desk_id__in=desk_ids)
        .select_related("child__family")
        .order_by("-registered_at")[:limit]
    )


def provider_locations(*, locations):
    # Free places are counted by supply's selector, which the support desk's provider panel reads too.
    return (
        with_free_places(locations)
        .annotate(
            chosen_by=Count("choices", filter=Q(choices__request__status__in=OPEN_STATUSES), distinct=True),
            chosen_first_by=Count(
                "choices",
                filter=Q(choices__request__status__in=OPEN_STATUSES, choices__rank=1),
                distinct=True,
            ),
        )
        .order_by("name")
    )


def partners_of(*, partner_ids):
    return Partner.objects.filter(pk__in=partner_ids).prefetch_related("desks")


# --- what waits for the person -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Work:
    """One line of "what waits for you": a count and the page where it is done."""

    key: str
    count: int
    label: str
    url: str
    hint: str = ""


def provider_work(scope: Scope, user, *, on: date) -> list[Work]:
    managed = locations_managed_by(scope).values("pk")
    return [
        Work(
            "proposals",
            allocation_selectors.proposals_awaiting_provider(scope).count(),
            _("Proposals to confirm"),
            reverse("allocation:proposals") + "#pending-title",
            _("Until you confirm, the family gets no offer."),
        ),
        Work(
            "starts",
            allocation_selectors.starts_to_record(scope).count(),
            _("Contract starts to record"),
            reverse("allocation:proposals") + "#accepted-title",
            _("Accepted offers: record the date the contract starts."),
        ),
        Work(
            "free_places",
            len(openings_stale(on=on, location_ids=managed)),
            _("Free places to re-confirm"),
            reverse("supply:openings"),
            _("Free places not confirmed recently are left out of allocation rounds."),
        ),
        Work(
            "questions",
            support_selectors.still_open(support_selectors.questions_visible_to(scope, user)).count(),
            _("Your open questions to the support desk"),
            reverse("support:my_questions"),
        ),
    ]


def desk_work(scope: Scope, user, *, desk, on: date) -> list[Work]:
    return [
        Work(
            "tasks",
            casework_selectors.tasks_due(desk=desk, owner=user).filter(due_on__lte=on).count(),
            _("Your tasks due today or overdue"),
            reverse("casework:tasks"),
        ),
        Work(
            "reviews",
            allocation_selectors.reviews_open(scope).filter(request__desk=desk).count(),
            _("Requests for a review to answer"),
            reverse("allocation:reviews"),
        ),
    ]


def partner_work(scope: Scope) -> list[Work]:
    routed = support_selectors.questions_visible_to(scope).filter(partner_id__in=scope.partner_ids)
    return [
        Work(
            "referrals_waiting",
            casework_selectors.referrals_waiting_for_partner(scope).count(),
            _("Referrals waiting for your answer"),
            reverse("casework:partner_referrals"),
        ),
        Work(
            "referrals_followed",
            casework_selectors.referrals_followed_by_partner(scope).count(),
            _("Referrals you are following"),
            reverse("casework:partner_referrals"),
        ),
        Work(
            "routed_questions",
            support_selectors.still_open(routed).count(),
            _("Support questions routed to you"),
            reverse("support:partner_queue"),
        ),
    ]
