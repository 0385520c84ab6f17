"""`load_demo --scale`: a city desk with a year of history made by weekly rounds, at a small custom size."""

import io
from collections import Counter
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from loket.allocation.models import Offer, Placement, Proposal, Round
from loket.allocation.selectors import placed_choice_ranks
from loket.areas.models import Desk, Neighbourhood
from loket.audit.models import AuditEvent
from loket.demand.lifecycle import WAITING_STATUSES, check_transition
from loket.demand.models import ChildcareRequest, FamilySearchKey, StatusChange
from loket.supply.models import Location

TODAY = "2026-11-23"
SMALL = ("--scale=city", "--requests=360", "--locations=24", f"--today={TODAY}")


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def signature() -> list:
    """What the history looks like, without primary keys (they differ between runs on PostgreSQL)."""
    return sorted(
        ChildcareRequest.objects.values_list(
            "registered_at", "status", "closed_at", "placements__location__name", "placements__contract_start"
        )
    )


def test_a_city_with_a_year_of_history_made_by_weekly_rounds(db):
    """One load (a load is the slow part), every property of it; then a second run that changes nothing."""
    out = load(*SMALL)
    desk = Desk.objects.get(slug="gent")
    assert desk.municipalities.get().nis_code == "44021"
    assert Neighbourhood.objects.filter(municipality__desk=desk).count() == 8
    assert Location.objects.filter(municipality__desk=desk).count() == 24
    assert ChildcareRequest.objects.filter(desk=desk).count() == 360
    assert "Loaded --scale city" in out and "week 53/53" in out

    # 53 weekly rounds, run by the engine, checked and published.
    rounds = Round.objects.filter(desk=desk)
    assert rounds.count() == 53
    assert set(rounds.values_list("status", flat=True)) == {Round.Status.PUBLISHED}
    assert all(r.check_report["ok"] for r in rounds.only("check_report"))
    # Providers confirmed or refused, families accepted, declined or let the offer lapse, children were placed.
    assert Proposal.objects.filter(status=Proposal.Status.REFUSED).exists()
    offers = Counter(Offer.objects.values_list("status", flat=True))
    assert offers[Offer.Status.PLACED] >= 50
    assert offers[Offer.Status.DECLINED] > 0 and offers[Offer.Status.EXPIRED] > 0
    # Every placement comes from a round's proposal at one of the family's choices: the first-choice table fills.
    placements = Placement.objects.select_related("offer__proposal")
    assert placements.count() == offers[Offer.Status.PLACED]
    assert ChildcareRequest.objects.filter(status="placed").count() == placements.count()
    ranks = Counter(p.offer.proposal.rank for p in placements)
    assert ranks[1] > 0 and sum(ranks.values()) == placements.count()
    table = placed_choice_ranks(ChildcareRequest.objects.filter(status="placed").values("pk"))
    assert table["other"] == 0 and table["1"] == ranks[1] and sum(table.values()) == placements.count()
    assert ChildcareRequest.objects.filter(status__in=WAITING_STATUSES).exists()

    # Every request's history is a legal path, in time order, ending in its status.
    by_request = {}
    for change in StatusChange.objects.order_by("request_id", "at", "pk"):
        by_request.setdefault(change.request_id, []).append(change)
    statuses = dict(ChildcareRequest.objects.values_list("pk", "status"))
    assert set(by_request) == set(statuses)
    for pk, changes in by_request.items():
        assert changes[0].from_status == "" and changes[0].to_status == "registered"
        for before, after in pairwise(changes):
            assert after.from_status == before.to_status
            check_transition(after.from_status, after.to_status)
        assert changes[-1].to_status == statuses[pk]

    # The audit trail is the one the one-by-one services leave, each event at the moment it happened.
    events = Counter(AuditEvent.objects.values_list("event", flat=True))
    assert events["request.registered"] == events["request.choices_changed"] == 360
    assert events["request.status_changed"] == StatusChange.objects.exclude(from_status="").count()
    assert events["round.published"] == 53
    assert events["offer.made"] == Offer.objects.count()
    assert events["placement.recorded"] == placements.count()
    assert events["offer.expired"] == offers[Offer.Status.EXPIRED]
    assert events["offer.declined"] == offers[Offer.Status.DECLINED]
    assert events["proposal.refused"] == Proposal.objects.filter(status=Proposal.Status.REFUSED).count()
    moves = set(
        StatusChange.objects.exclude(from_status="").values_list("request_id", "to_status", "at", "reason")
    )
    audited = {
        (int(e.object_id), e.detail["to_status"], e.at, e.reason)
        for e in AuditEvent.objects.filter(event="request.status_changed")
    }
    assert audited == moves
    placement = placements.first()
    assert AuditEvent.objects.get(event="placement.recorded", object_id=str(placement.pk)).at == (
        StatusChange.objects.get(request_id=placement.request_id, to_status="placed").at
    )

    # The desk's search box finds the loaded families (their search keys are built after the bulk load).
    family = ChildcareRequest.objects.select_related("child__family").first().child.family
    assert FamilySearchKey.objects.filter(family=family, kind=FamilySearchKey.Kind.NAME).exists()

    before = signature()
    again = load(*SMALL)
    assert "already loaded; nothing to do" in again
    assert signature() == before
    assert Round.objects.count() == 53


def test_the_same_seed_gives_the_same_history(db):
    tiny = ("--scale=city", "--requests=120", "--locations=8", f"--today={TODAY}")
    with transaction.atomic():
        load(*tiny)
        first = signature()
        transaction.set_rollback(True)
    assert not Desk.objects.filter(slug="gent").exists()
    load(*tiny)
    assert signature() == first


def test_sizes_are_checked(db):
    with pytest.raises(CommandError):
        load("--scale=city", "--requests=0")
    with pytest.raises(CommandError):
        load("--scale=demo", "--locations=10")


def test_the_demo_scale_is_todays_demo_area(db):
    out = load("--scale=demo", "--requests=120", f"--today={TODAY}")
    assert "Loaded the demo area" in out
    assert Desk.objects.count() == 1
    assert ChildcareRequest.objects.count() >= 120


def test_a_load_that_stopped_halfway_is_refused_clearly(db):
    from loket.areas.services import desk_create

    desk_create(actor=None, name="Loket Kinderopvang Gent", slug="gent", nis_codes=["44021"])
    with pytest.raises(CommandError, match="did not finish"):
        load(*SMALL)


def test_the_history_without_preview_and_old_explanations_places_the_same_children(db, monkeypatch):
    """The history's rounds skip the mechanism comparison and explain only each desk's last round; the same load
    with both made (the flags off) gives the same proposals, offers and placements."""
    from loket.allocation import services
    from loket.demo import scale

    tiny = ("--scale=city", "--requests=120", "--locations=8", f"--today={TODAY}")

    def outcome():
        proposals = sorted(
            Proposal.objects.values_list(
                "round__date", "request__registered_at", "location__name", "rank", "status"
            )
        )
        return signature(), proposals

    with transaction.atomic():
        load(*tiny)
        lean = outcome()
        rounds = Round.objects.filter(desk__slug="gent")
        assert not rounds.filter(figures__isnull=False).exists()
        explained = rounds.filter(explanations__isnull=False)
        assert list(explained.values_list("date", flat=True)) == [rounds.latest("date").date]
        transaction.set_rollback(True)

    def round_prepare(**kwargs):
        return services.round_prepare(**{**kwargs, "simulate": True})

    def round_run(**kwargs):
        return services.round_run(**{**kwargs, "explain": True})

    monkeypatch.setattr(scale, "round_prepare", round_prepare)
    monkeypatch.setattr(scale, "round_run", round_run)
    load(*tiny)
    assert not Round.objects.filter(figures__isnull=True).exists()
    assert not Round.objects.filter(explanations__isnull=True).exists()
    assert Proposal.objects.exists() and outcome() == lean
