"""Offers: from a confirmed proposal (or a desk worker's direct urgent assignment) to the family's answer and the
placement. Every step records who and when, writes the audit trail, moves the request through
`request_change_status`, and mails both sides through the outbox.

A request holds one open offer at a time: while it is open the request is "offered" and left out of rounds (its
other choices pause); declining or letting the offer expire brings them back by themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.accounts.selectors import provider_staff_of
from loket.audit.services import audit_record
from loket.core.links import public_url
from loket.core.mail import mail_template_later
from loket.demand.lifecycle import WAITING_STATUSES, Status
from loket.demand.selectors import request_locked
from loket.demand.services import request_change_status, request_continue
from loket.supply.selectors import opening_locked
from loket.supply.services import location_count_placement

from .models import Offer, Placement, Proposal

if TYPE_CHECKING:
    from loket.demand.models import ChildcareRequest
    from loket.supply.models import Location

REMIND_DAYS_BEFORE = 3


class OfferError(ValidationError):
    pass


# --- mail --------------------------------------------------------------------------------------------------------


@dataclass
class FamilyLinks:
    """How a parent gets into Loket from a mail. The families app (above allocation) registers its sign-in links at
    start-up (`register_family_links`), so allocation never imports it."""

    may_sign_in_by_link: Callable = lambda user: False
    sign_in_link_make: Callable = None
    sign_in_page_url: Callable = None
    minutes: int = 0


FAMILY_LINKS = FamilyLinks()


def register_family_links(**links) -> None:
    for name, value in links.items():
        setattr(FAMILY_LINKS, name, value)


def _mail_family(offer: Offer, what: str) -> None:
    """One mail per guardian with an address, each with its own way in: a parent who signs in by link gets a one-time
    link that lands on the offer (valid until the offer's deadline at the latest); others get the sign-in page, which
    leads there after signing in. Mails after the answer lead to the family's page."""
    links = FAMILY_LINKS
    family = offer.request.child.family
    target = (
        reverse("families:offer_answer", args=[offer.pk])
        if what in ASKS_AN_ANSWER
        else reverse("portal:family_home")
    )
    for guardian in family.guardians.select_related("user").order_by("-is_primary", "pk"):
        if not guardian.email or guardian.email.endswith(".invalid"):
            continue
        if what in ASKS_AN_ANSWER and links.may_sign_in_by_link(guardian.user):
            link = links.sign_in_link_make(user=guardian.user, next_url=target, expires_at=offer.deadline)
        else:
            link = links.sign_in_page_url(target)
        mail_template_later(
            to=[guardian.email],
            language=family.preferred_language,
            subject_template=f"allocation/mail/family_{what}_subject.txt",
            body_template=f"allocation/mail/family_{what}.txt",
            context={
                "offer": offer,
                "location": offer.location,
                "desk": offer.request.desk,
                "link": link,
                "sign_in_url": links.sign_in_page_url(target),
                "link_minutes": links.minutes,
            },
        )


ASKS_AN_ANSWER = {"offer", "reminder"}
PROVIDER_TARGET = {"proposal": "proposal-{proposal.pk}", "accepted": "start-{offer.pk}"}


def _mail_provider(location: Location, what: str, **context) -> None:
    """To the location's staff (and the organiser's staff) in each person's language, and to the location's (or else
    the organiser's) address in Dutch; each with the link to the proposals page, at the item concerned."""
    recipients: dict[str, str] = {
        person.email: person.preferred_language
        for person in provider_staff_of(organiser_id=location.organiser_id, location_ids=[location.pk])
    }
    address = location.email or location.organiser.email
    if address and address not in recipients:
        recipients[address] = "nl"
    path = reverse("allocation:proposals")
    if what in PROVIDER_TARGET:
        path += "#" + PROVIDER_TARGET[what].format(**context)
    desk = location.municipality.desk
    for email, language in sorted(recipients.items()):
        mail_template_later(
            to=[email],
            language=language,
            subject_template=f"allocation/mail/provider_{what}_subject.txt",
            body_template=f"allocation/mail/provider_{what}.txt",
            context={"location": location, "desk": desk, "link": public_url(path), **context},
        )


# --- making offers -----------------------------------------------------------------------------------------------


def _offer_make(*, request, opening, actor, proposal=None, kind=Offer.Kind.ROUND, reason="") -> Offer:
    now = timezone.now()
    if Offer.objects.filter(request=request, status=Offer.Status.OPEN).exists():
        raise OfferError(_("This request already has an open offer."))
    offer = Offer.objects.create(
        request=request,
        proposal=proposal,
        opening=opening,
        location=opening.location,
        kind=kind,
        direct_reason=reason,
        made_at=now,
        made_by=actor,
        deadline=now + timedelta(days=request.desk.offer_deadline_days),
    )
    request_change_status(request=request, to=Status.OFFERED, actor=actor, reason=f"offer {offer.pk}", at=now)
    audit_record(
        actor=actor,
        event="offer.made",
        obj=offer,
        desk_id=request.desk_id,
        family_id=request.child.family_id,
        reason=reason,
        request=request.pk,
        location=opening.location_id,
        kind=kind,
    )
    _mail_family(offer, "offer")
    return offer


def proposal_publish(*, proposal: Proposal, actor) -> Offer | None:
    """A new proposal of a published round: waits for the provider, or becomes an offer at once when the desk
    does not ask providers to confirm."""
    if proposal.request.desk.provider_confirmation_required:
        _mail_provider(proposal.location, "proposal", proposal=proposal)
        return None
    proposal.status = Proposal.Status.CONFIRMED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    return _offer_make(request=proposal.request, opening=proposal.opening, actor=actor, proposal=proposal)


def offer_confirm(*, proposal: Proposal, actor) -> Offer:
    """The provider confirms a proposal: the family gets the offer."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("request__desk").get(pk=proposal.pk)
        if proposal.status != Proposal.Status.AWAITING_PROVIDER:
            raise OfferError(_("This proposal was already handled."))
        if proposal.request.status not in WAITING_STATUSES:
            raise OfferError(_("This request no longer waits for a place."))
        proposal.status = Proposal.Status.CONFIRMED
        proposal.decided_at = timezone.now()
        proposal.decided_by = actor
        proposal.save(update_fields=["status", "decided_at", "decided_by"])
        audit_record(
            actor=actor,
            event="proposal.confirmed",
            obj=proposal,
            desk_id=proposal.request.desk_id,
            family_id=proposal.request.child.family_id,
            round=proposal.round_id,
        )
        return _offer_make(request=proposal.request, opening=proposal.opening, actor=actor, proposal=proposal)


def proposal_refuse(*, proposal: Proposal, actor, reason: str) -> Proposal:
    """The provider cannot take the proposed child (the reason is kept); the place and the request go back to
    the next round."""
    if not reason.strip():
        raise OfferError({"reason": _("Give the reason, so the desk can follow up.")})
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != Proposal.Status.AWAITING_PROVIDER:
            raise OfferError(_("This proposal was already handled."))
        proposal.status = Proposal.Status.REFUSED
        proposal.decided_at = timezone.now()
        proposal.decided_by = actor
        proposal.refusal_reason = reason.strip()
        proposal.save(update_fields=["status", "decided_at", "decided_by", "refusal_reason"])
        audit_record(
            actor=actor,
            event="proposal.refused",
            obj=proposal,
            desk_id=proposal.request.desk_id,
            family_id=proposal.request.child.family_id,
            reason=reason,
            round=proposal.round_id,
        )
    return proposal


def urgent_assign(*, request: ChildcareRequest, opening, actor, reason: str) -> Offer:
    """A desk worker assigns an urgent-care place directly to an urgent request between rounds, with the reason."""
    from .selectors import places_taken

    if not reason.strip():
        raise OfferError({"reason": _("Give the reason, so colleagues understand the decision.")})
    with transaction.atomic():
        # The opening first, always in this order: two workers giving its last place to two requests queue here.
        opening = opening_locked(opening.pk)
        request = request_locked(request.pk)
        if not request.urgent:
            raise OfferError(_("Only an urgent request can get an urgent-care place directly."))
        if request.status not in WAITING_STATUSES:
            raise OfferError(_("This request no longer waits for a place."))
        if not opening.urgent_only or opening.withdrawn_at is not None:
            raise OfferError(_("This is not an urgent-care place."))
        if places_taken([opening.pk]).get(opening.pk, 0) >= opening.count:
            raise OfferError(_("This urgent-care place is no longer free."))
        offer = _offer_make(
            request=request, opening=opening, actor=actor, kind=Offer.Kind.URGENT, reason=reason.strip()
        )
    _mail_provider(opening.location, "urgent", offer=offer)
    return offer


# --- the family's answer -----------------------------------------------------------------------------------------


def _lock_open(offer: Offer) -> Offer:
    locked = (
        Offer.objects.select_for_update()
        .select_related("request__desk", "location__organiser")
        .get(pk=offer.pk)
    )
    if locked.status != Offer.Status.OPEN:
        raise OfferError(_("This offer was already answered or has expired."))
    return locked


def offer_accept(*, offer: Offer, actor, keep_waiting: bool = False) -> Offer:
    """The family accepts. Its other choices close, unless it asks to keep waiting for a choice it ranked higher:
    then those choices continue as a new request window that keeps the original registration date."""
    with transaction.atomic():
        offer = _lock_open(offer)
        if timezone.now() > offer.deadline:
            raise OfferError(_("The time to answer this offer has passed."))
        now = timezone.now()
        offer.status = Offer.Status.ACCEPTED
        offer.answered_at = now
        offer.answered_by = actor
        offer.keep_waiting = keep_waiting
        offer.save(update_fields=["status", "answered_at", "answered_by", "keep_waiting"])
        request = offer.request
        request_change_status(
            request=request, to=Status.ACCEPTED, actor=actor, reason=f"offer {offer.pk}", at=now
        )
        audit_record(
            actor=actor,
            event="offer.accepted",
            obj=offer,
            desk_id=request.desk_id,
            family_id=request.child.family_id,
            keep_waiting=keep_waiting,
        )
        if keep_waiting:
            _keep_waiting(request=request, accepted_location_id=offer.location_id, actor=actor, at=now)
    _mail_family(offer, "accepted")
    _mail_provider(offer.location, "accepted", offer=offer)
    return offer


def _keep_waiting(
    *, request: ChildcareRequest, accepted_location_id: int, actor, at
) -> ChildcareRequest | None:
    choices = list(request.choices.order_by("rank"))
    accepted_rank = next((c.rank for c in choices if c.location_id == accepted_location_id), None)
    better = [c.location_id for c in choices if accepted_rank is None or c.rank < accepted_rank]
    if not better:
        return None
    window = request_continue(request=request, location_ids=better, actor=actor, at=at, reason="keep waiting")
    audit_record(
        actor=actor,
        event="request.keep_waiting",
        obj=window,
        desk_id=request.desk_id,
        family_id=request.child.family_id,
        previous_request=request.pk,
    )
    return window


def offer_decline(*, offer: Offer, actor, reason: str = "") -> Offer:
    """The family declines; the place goes back to the next round and the family keeps waiting for its other
    choices."""
    with transaction.atomic():
        offer = _lock_open(offer)
        now = timezone.now()
        offer.status = Offer.Status.DECLINED
        offer.answered_at = now
        offer.answered_by = actor
        offer.decline_reason = reason.strip()[:500]
        offer.save(update_fields=["status", "answered_at", "answered_by", "decline_reason"])
        request_change_status(
            request=offer.request, to=Status.DECLINED, actor=actor, reason=reason.strip()[:500], at=now
        )
        audit_record(
            actor=actor,
            event="offer.declined",
            obj=offer,
            desk_id=offer.request.desk_id,
            family_id=offer.request.child.family_id,
        )
    _mail_family(offer, "declined")
    _mail_provider(offer.location, "declined", offer=offer)
    return offer


def offer_expire(*, offer: Offer, actor=None) -> Offer:
    """An unanswered offer lapses after its deadline: the place returns, the request waits again."""
    with transaction.atomic():
        offer = _lock_open(offer)
        now = timezone.now()
        offer.status = Offer.Status.EXPIRED
        offer.answered_at = now
        offer.save(update_fields=["status", "answered_at"])
        request_change_status(
            request=offer.request, to=Status.REGISTERED, actor=actor, reason="offer expired", at=now
        )
        audit_record(
            actor=actor,
            event="offer.expired",
            obj=offer,
            desk_id=offer.request.desk_id,
            family_id=offer.request.child.family_id,
        )
    _mail_family(offer, "expired")
    _mail_provider(offer.location, "expired", offer=offer)
    return offer


def offer_remind(*, offer: Offer) -> None:
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        if locked.status != Offer.Status.OPEN or locked.reminded_at is not None:
            return
        locked.reminded_at = timezone.now()
        locked.save(update_fields=["reminded_at"])
        audit_record(
            actor=None,
            event="offer.reminded",
            obj=locked,
            desk_id=offer.request.desk_id,
            family_id=offer.request.child.family_id,
        )
        _mail_family(offer, "reminder")


def offers_process(*, now=None) -> dict[str, int]:
    """The periodic job: remind families a few days before the deadline, expire what is past it."""
    now = now or timezone.now()
    reminded = expired = 0
    open_offers = Offer.objects.filter(status=Offer.Status.OPEN).select_related(
        "request__child__family", "request__desk", "location__organiser"
    )
    for offer in open_offers.filter(deadline__lt=now):
        offer_expire(offer=offer)
        expired += 1
    for offer in open_offers.filter(
        deadline__gte=now, deadline__lte=now + timedelta(days=REMIND_DAYS_BEFORE), reminded_at__isnull=True
    ):
        offer_remind(offer=offer)
        reminded += 1
    return {"reminded": reminded, "expired": expired}


# --- placement ---------------------------------------------------------------------------------------------------


def placement_record(*, offer: Offer, contract_start: date, actor) -> Placement:
    """The provider records the contract start of an accepted offer: the child is placed and the location's
    enrolled counts go up (reserve-eligible too, for the reserve of later rounds)."""
    with transaction.atomic():
        offer = Offer.objects.select_for_update().select_related("request", "opening").get(pk=offer.pk)
        if offer.status != Offer.Status.ACCEPTED:
            raise OfferError(_("Only an accepted offer can become a placement."))
        request = offer.request
        reserve_eligible = request.vulnerable
        placement = Placement.objects.create(
            offer=offer,
            request=request,
            location_id=offer.location_id,
            tariff=offer.opening.tariff,
            contract_start=contract_start,
            reserve_eligible=reserve_eligible,
            recorded_by=actor,
        )
        offer.status = Offer.Status.PLACED
        offer.save(update_fields=["status"])
        location_count_placement(location_id=offer.location_id, reserve_eligible=reserve_eligible)
        request_change_status(
            request=request, to=Status.PLACED, actor=actor, reason=f"placement {placement.pk}"
        )
        audit_record(
            actor=actor,
            event="placement.recorded",
            obj=placement,
            desk_id=request.desk_id,
            family_id=request.child.family_id,
            location=offer.location_id,
        )
    return placement
