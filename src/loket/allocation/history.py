"""Recording a round's outcome in bulk, at the moments it happened: proposals, the providers' answers, offers, the
families' answers and the placements of one published round, written with a handful of batched inserts.

Used to build a year of history from real rounds (`loket-manage load_demo --scale city`): the engine proposes
through `round_prepare` and `round_run` as in the app, and this records what people then did. It applies the same
rules as the one-by-one services in `offers.py` (only waiting requests and open places get a proposal, each status
move is a legal transition, a placement adds to the location's enrolled counts) but sends no mail: the moments
lie in the past. Moments after `now` have not happened yet: a proposal is still waiting for the provider, an offer
still open.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from loket.audit.services import audit_record_many
from loket.core.bulk import BATCH, update_in_groups
from loket.demand.lifecycle import CLOSED_STATUSES, WAITING_STATUSES, Status, check_transition
from loket.demand.selectors import request_rows
from loket.demand.services import status_changed_event, status_moves_record
from loket.supply.selectors import opening_rows
from loket.supply.services import locations_enrolled_add

from . import ranking
from .instance import location_key, parse_id
from .models import Offer, Placement, Proposal, Round
from .services import RoundError, round_blobs


class Answer:
    """What happened to one proposal after publication."""

    REFUSED = "refused"  # the provider could not take the child
    ACCEPTED = "accepted"  # the family accepted (and the child starts at the contract start)
    DECLINED = "declined"
    EXPIRED = "expired"  # the family did not answer: the offer stays open until `offers_expire_history`


@dataclass(frozen=True)
class Reply:
    answer: str
    provider_days: int = 2  # days after publication the provider decided
    family_days: int = 4  # days after the offer the family answered


@dataclass
class RoundOutcome:
    proposals: int = 0
    offers: int = 0
    accepted: int = 0
    placed: int = 0
    declined: int = 0
    expired: int = 0
    refused: int = 0
    pending: int = 0


def _moment(d: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour)))


@transaction.atomic
def round_publish_history(
    *, round: Round, actor, published_at: datetime, replies: dict[int, Reply], now=None
):
    """Publish a run round whose outcome is known and record that outcome in bulk. `round` is the round as
    `round_run` returned it; its instance and result are read with `round_blobs` (at Flanders size they are
    megabytes of JSON, which the model's fields would decode with the slower json module), its status and check
    under the row lock. `replies` maps a request's pk to what
    happened to its proposal; a request without a reply is left waiting for the provider (or for its family's
    answer where the desk does not ask providers).

    The rows are those the one-by-one services leave (`round_publish`, `offer_confirm`, `proposal_refuse`,
    `offer_accept`, `offer_decline`, `placement_record`): the same status changes with the same reasons, and the
    same audit events, each at the moment it happened (`actor` acted for the provider and the family too)."""
    now = now or timezone.now()
    status, check_report, desk_id = (
        Round.objects.select_for_update().values_list("status", "check_report", "desk_id").get(pk=round.pk)
    )
    if status != Round.Status.RUN:
        raise RoundError("Only a round that has run and is not yet published can be published.")
    if not (check_report or {}).get("ok", False):
        raise RoundError("The result did not pass the check; it cannot be published.")
    if desk_id != round.desk_id:
        raise RoundError("This is not the round that was run.")
    desk = round.desk
    instance, result = round_blobs(round, "instance", "result")
    policy = instance["policy"]
    by_id = {r["id"]: r for r in instance["requests"]}
    assignments = result["assignments"]
    openings = opening_rows(parse_id(a["opening"]) for a in assignments)
    requests = request_rows(parse_id(a["request"]) for a in assignments)
    outcome = RoundOutcome()
    proposals = []
    for assignment in assignments:
        request = requests.get(parse_id(assignment["request"]))
        opening = openings.get(parse_id(assignment["opening"]))
        if request is None or opening is None or opening["withdrawn_at"] is not None:
            continue
        if request["status"] not in WAITING_STATUSES:
            continue
        data = by_id[assignment["request"]]
        key = location_key(opening["location_id"])
        _index, klass = ranking.priority_class(
            policy, opening["tariff"], data["flags"], key in data.get("sibling_at", [])
        )
        reply = replies.get(request["pk"])
        proposal = Proposal(
            round=round,
            request_id=request["pk"],
            opening_id=opening["pk"],
            location_id=opening["location_id"],
            rank=data["choices"].index(key) + 1,
            priority_class=klass or "",
        )
        decided_at = published_at + timedelta(days=reply.provider_days if reply else 0)
        if not desk.provider_confirmation_required:
            proposal.status, proposal.decided_at = Proposal.Status.CONFIRMED, published_at
        elif reply is not None and decided_at <= now:
            if reply.answer == Answer.REFUSED:
                proposal.status, proposal.refusal_reason = (
                    Proposal.Status.REFUSED,
                    "Geen plaats voor deze leeftijd",
                )
                outcome.refused += 1
            else:
                proposal.status = Proposal.Status.CONFIRMED
            proposal.decided_at, proposal.decided_by = decided_at, actor
        else:
            outcome.pending += 1
        proposals.append((proposal, request, opening, reply, data))
    Proposal.objects.bulk_create([p for p, *_ in proposals], batch_size=BATCH)
    outcome.proposals = len(proposals)

    events = [
        dict(
            actor=actor,
            event="round.published",
            obj=round,
            desk_id=round.desk_id,
            at=published_at,
            proposals=outcome.proposals,
            history=True,
        )
    ]
    moves = []  # (request, offer or None, placement or None, [(status, moment, reason or a callable)])
    placements = []
    enrolled: Counter = Counter()
    reserve: Counter = Counter()
    for proposal, request, opening, reply, data in proposals:
        family_id = request["child__family_id"]
        # The provider's decision, as `proposal_refuse` and `offer_confirm` record it (a desk that does not ask
        # providers confirms at publication, without an event).
        decided = proposal.status == Proposal.Status.REFUSED or (
            proposal.status == Proposal.Status.CONFIRMED and desk.provider_confirmation_required
        )
        if decided:
            events.append(
                dict(
                    actor=actor,
                    event="proposal.refused"
                    if proposal.status == Proposal.Status.REFUSED
                    else "proposal.confirmed",
                    obj=proposal,
                    desk_id=desk.pk,
                    family_id=family_id,
                    reason=proposal.refusal_reason,
                    at=proposal.decided_at,
                    round=round.pk,
                )
            )
        if proposal.status != Proposal.Status.CONFIRMED:
            continue
        made_at = proposal.decided_at
        offer = Offer(
            request_id=request["pk"],
            proposal=proposal,
            opening_id=opening["pk"],
            location_id=opening["location_id"],
            kind=Offer.Kind.ROUND,
            made_at=made_at,
            made_by=actor,
            deadline=made_at + timedelta(days=desk.offer_deadline_days),
        )
        outcome.offers += 1
        path = [(Status.OFFERED, made_at, _offer_reason)]
        placement = None
        answered_at = made_at + timedelta(days=reply.family_days if reply else 0)
        if (
            reply is None
            or reply.answer == Answer.REFUSED
            or (reply.answer != Answer.EXPIRED and answered_at > now)
        ):
            outcome.pending += reply is not None
        elif reply.answer == Answer.EXPIRED:
            outcome.expired += 1  # stays open; `offers_expire_history` lapses it once its deadline has passed
        elif reply.answer == Answer.DECLINED:
            offer.status, offer.answered_at, offer.answered_by = Offer.Status.DECLINED, answered_at, actor
            offer.decline_reason = "Te ver van huis of werk"
            path.append((Status.DECLINED, answered_at, offer.decline_reason))
            outcome.declined += 1
        else:
            offer.status, offer.answered_at, offer.answered_by = Offer.Status.ACCEPTED, answered_at, actor
            path.append((Status.ACCEPTED, answered_at, _offer_reason))
            outcome.accepted += 1
            contract_start = max(opening["start_month"], request["start_earliest"])
            starts_at = max(_moment(contract_start, 8), answered_at + timedelta(hours=1))
            if starts_at <= now:
                offer.status = Offer.Status.PLACED
                vulnerable = "vulnerable" in data["flags"]  # the instance carries the derived flag
                placement = Placement(
                    offer=offer,
                    request_id=request["pk"],
                    location_id=opening["location_id"],
                    tariff=opening["tariff"],
                    contract_start=contract_start,
                    reserve_eligible=vulnerable,
                    recorded_by=actor,
                )
                placements.append((placement, starts_at))
                enrolled[opening["location_id"]] += 1
                reserve[opening["location_id"]] += vulnerable
                path.append((Status.PLACED, starts_at, _placement_reason))
                outcome.placed += 1
        moves.append((request, offer, placement, path))
    Offer.objects.bulk_create([offer for _, offer, _, _ in moves], batch_size=BATCH)
    for placement, _starts_at in placements:
        placement.offer_id = placement.offer.pk
    Placement.objects.bulk_create([placement for placement, _ in placements], batch_size=BATCH)

    changes = []
    final: dict[int, tuple[str, datetime | None]] = {}
    for request, offer, placement, path in moves:
        family_id = request["child__family_id"]
        status = request["status"]
        for to, at, reason in path:
            check_transition(status, to)
            reason = reason(offer, placement) if callable(reason) else reason
            changes.append(
                dict(
                    request_id=request["pk"], from_status=status, to_status=to, at=at, by=actor, reason=reason
                )
            )
            events.append(
                status_changed_event(actor, request["pk"], desk.pk, family_id, status, to, at, reason)
            )
            events.append(_offer_event(actor, to, offer, placement, desk.pk, family_id, at))
            status = to
        final[request["pk"]] = (status, path[-1][1] if status in CLOSED_STATUSES else None)
    status_moves_record(changes, final)
    locations_enrolled_add({pk: (n, reserve[pk]) for pk, n in enrolled.items()}, at=now)
    Round.objects.filter(pk=round.pk).update(
        status=Round.Status.PUBLISHED,
        prepared_at=published_at,
        run_at=published_at,
        seed_revealed_at=published_at,
        published_at=published_at,
        published_by=actor,
    )
    audit_record_many(events)
    return outcome


def _offer_reason(offer, placement) -> str:
    return f"offer {offer.pk}"


def _placement_reason(offer, placement) -> str:
    return f"placement {placement.pk}"


def _offer_event(actor, to, offer, placement, desk_id, family_id, at) -> dict:
    """The event the offer service of this move records after the status change (`offer.made` by `_offer_make`,
    `offer.accepted`, `offer.declined`, `placement.recorded`)."""
    common = dict(actor=actor, desk_id=desk_id, family_id=family_id, at=at)
    if to == Status.OFFERED:
        return dict(
            common,
            event="offer.made",
            obj=offer,
            reason="",
            request=offer.request_id,
            location=offer.location_id,
            kind=offer.kind,
        )
    if to == Status.ACCEPTED:
        return dict(common, event="offer.accepted", obj=offer, keep_waiting=False)
    if to == Status.DECLINED:
        return dict(common, event="offer.declined", obj=offer)
    return dict(common, event="placement.recorded", obj=placement, location=placement.location_id)


@transaction.atomic
def offers_expire_history(*, desk_ids, at: datetime) -> int:
    """What the periodic job (`offers.offers_process`, through `offer_expire`) did up to `at`, in bulk: open offers
    whose deadline passed lapse at their deadline, and their requests wait again. Returns how many lapsed."""
    rows = list(
        Offer.objects.filter(request__desk_id__in=desk_ids, status=Offer.Status.OPEN, deadline__lt=at)
        .values_list(
            "pk", "request_id", "request__status", "deadline", "request__desk_id", "request__child__family_id"
        )
        .order_by("pk")
    )
    offers, changes, requests, events = {}, [], {}, []
    for pk, request_id, status, deadline, desk_id, family_id in rows:
        check_transition(status, Status.REGISTERED)
        offers[pk] = (Offer.Status.EXPIRED, deadline)
        changes.append(
            dict(
                request_id=request_id,
                from_status=status,
                to_status=Status.REGISTERED,
                at=deadline,
                reason="offer expired",
            )
        )
        requests[request_id] = (Status.REGISTERED, None)
        events.append(
            status_changed_event(
                None, request_id, desk_id, family_id, status, Status.REGISTERED, deadline, "offer expired"
            )
        )
        events.append(
            dict(
                actor=None,
                event="offer.expired",
                obj=Offer(pk=pk),
                desk_id=desk_id,
                family_id=family_id,
                at=deadline,
            )
        )
    update_in_groups(Offer, offers, ("status", "answered_at"))
    status_moves_record(changes, requests)
    audit_record_many(events)
    return len(rows)
