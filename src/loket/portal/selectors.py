"""Reads for the role home pages: figures as SQL aggregates, and what waits for the person ("work"), each count one
query through the domain apps' selectors, narrowed to the person's scope."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.accounts.policies import Scope
from loket.allocation import selectors as allocation_selectors
from loket.areas.selectors import desks_in_reach
from loket.casework import selectors as casework_selectors
from loket.demand.selectors import desk_request_figures, open_choice_counts
from loket.demand.selectors import recent_requests as demand_recent_requests
from loket.network.selectors import partners_with_desks
from loket.supply.selectors import area_supply, locations_managed_by, openings_stale, with_free_places
from loket.support import selectors as support_selectors


def desk_overview(*, desk_ids) -> list[dict]:
    """Per desk: requests by status, urgent and vulnerable ones still open, and the supply of its area."""
    today = timezone.localdate()
    return [
        {"desk": desk, **desk_request_figures(desk=desk), **area_supply(desk=desk, on=today)}
        for desk in desks_in_reach(desk_ids)
    ]


def recent_requests(*, desk_ids, limit: int = 15):
    return demand_recent_requests(desk_ids=desk_ids, limit=limit)


def provider_locations(*, locations) -> list:
    """The provider's locations with their free places (counted by supply's selector, which the support desk's
    provider panel reads too) and how many open requests chose each, first or at all (demand's selector)."""
    rows = list(with_free_places(locations).select_related("postcode", "municipality").order_by("name"))
    chosen = open_choice_counts(location_ids=[row.pk for row in rows])
    for row in rows:
        row.chosen_by, row.chosen_first_by = chosen.get(row.pk, (0, 0))
    return rows


def partners_of(*, partner_ids):
    return partners_with_desks(partner_ids)


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
            casework_selectors.tasks_due(desks=[desk], owner=user).filter(due_on__lte=on).count(),
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
