"""Each role's home starts with what waits for that person: counts that are right, narrowed to the person's scope,
each linked to the page where the work is done, and a number of queries that does not grow with the work."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from loket.accounts.choices import Role
from loket.allocation.models import Offer, Proposal, Round
from loket.casework.models import ReferralStatus
from loket.casework.services import referral_create
from loket.support.models import Question, Status
from loket.testing.factories import (
    make_desk,
    make_family,
    make_location,
    make_opening,
    make_organiser,
    make_partner,
    make_request,
    make_user,
)

pytestmark = pytest.mark.django_db


def _work(response) -> dict[str, tuple[int, str]]:
    """The "waiting for you" tiles of a home page: key → (count, link)."""
    return {item.key: (item.count, item.url) for item in response.context["work"]}


def _provider_world(organiser, desk, n: int):
    """`n` of each kind of provider work at one location of `organiser`."""
    location = make_location(organiser=organiser)
    now = timezone.now()
    published = Round.objects.create(desk=desk, date=date.today(), policy_name="Vlaams", instance={})
    published.status = Round.Status.PUBLISHED
    published.save()
    for i in range(n):
        opening = make_opening(location, count=1, start_month=date(2030, 1, 1))
        Proposal.objects.create(
            round=published,
            request=make_request(make_family(desk)),
            opening=opening,
            location=location,
            rank=1,
        )
        Offer.objects.create(
            request=make_request(make_family(desk)),
            opening=opening,
            location=location,
            kind=Offer.Kind.URGENT,
            status=Offer.Status.ACCEPTED,
            made_at=now,
            deadline=now + timedelta(days=10),
            answered_at=now,
        )
        stale = make_opening(location, count=1, start_month=date(2030, 2, 1))
        stale.confirmed_at = now - timedelta(days=400)
        stale.save()
        Question.objects.create(
            subject=f"Vraag {i}",
            body="Mag dat?",
            asker_name="Aanbieder",
            asker_email="aanbieder@example.org",
            organiser=organiser,
            created_at=now,
            due_at=now + timedelta(days=2),
        )
    return location


def test_the_provider_home_counts_what_waits_and_links_to_it(client):
    desk = make_desk()
    organiser = make_organiser()
    location = _provider_world(organiser, desk, n=2)
    _provider_world(make_organiser(), desk, n=3)  # another organiser's work
    Question.objects.create(  # closed: no longer waiting
        subject="Klaar",
        body="x",
        asker_name="A",
        asker_email="a@example.org",
        organiser=organiser,
        status=Status.CLOSED,
        created_at=timezone.now(),
        due_at=timezone.now(),
    )
    staff = make_user(Role.PROVIDER_STAFF, organiser=organiser)
    client.force_login(staff)
    response = client.get(reverse("portal:provider_home"))
    work = _work(response)
    assert work["proposals"] == (2, reverse("allocation:proposals") + "#pending-title")
    assert work["starts"] == (2, reverse("allocation:proposals") + "#accepted-title")
    assert work["free_places"] == (2, reverse("supply:openings"))
    assert work["questions"] == (2, reverse("support:my_questions"))
    page = response.content.decode()
    assert location.name in page
    # The menu reaches the proposals and the support desk.
    menu = [item["url"] for item in response.context["nav_items"]]
    assert reverse("allocation:proposals") in menu and reverse("support:my_questions") in menu


def test_the_provider_home_takes_as_many_queries_with_more_work(client):
    desk = make_desk()
    organiser = make_organiser()
    _provider_world(organiser, desk, n=1)
    client.force_login(make_user(Role.PROVIDER_STAFF, organiser=organiser))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portal:provider_home"))
    _provider_world(organiser, desk, n=4)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("portal:provider_home"))
    assert len(many) == len(few)


def test_the_partner_home_counts_referrals_and_routed_questions(client):
    desk = make_desk()
    partner, other = make_partner(desk), make_partner(desk)
    worker = make_user(Role.DESK_WORKER, desk=desk)
    for target, n in ((partner, 2), (other, 3)):
        for _ in range(n):
            referral_create(
                family=make_family(desk), partner=target, need="financial", consent_how="verbal", actor=worker
            )
    accepted = referral_create(
        family=make_family(desk), partner=partner, need="financial", consent_how="verbal", actor=worker
    )
    accepted.status = ReferralStatus.ACCEPTED
    accepted.save()
    now = timezone.now()
    for target in (partner, partner, other):
        Question.objects.create(
            subject="Routed",
            body="x",
            asker_name="A",
            asker_email="a@example.org",
            partner=target,
            status=Status.REFERRED,
            created_at=now,
            due_at=now,
        )
    client.force_login(make_user(Role.PARTNER_ADVISER, partner=partner))
    response = client.get(reverse("portal:partner_home"))
    work = _work(response)
    assert work["referrals_waiting"] == (2, reverse("casework:partner_referrals"))
    assert work["referrals_followed"] == (1, reverse("casework:partner_referrals"))
    assert work["routed_questions"] == (2, reverse("support:partner_queue"))
    assert f'href="{reverse("support:partner_queue")}"' in response.content.decode()


def test_the_desk_home_shows_the_workers_tasks_and_possible_duplicates(client):
    from loket.casework.models import Task

    desk = make_desk()
    worker = make_user(Role.DESK_WORKER, desk=desk)
    colleague = make_user(Role.DESK_WORKER, desk=desk)
    family = make_family(desk)
    today = timezone.localdate()
    for owner, due in (
        (worker, today),
        (worker, today - timedelta(days=2)),
        (worker, today + timedelta(days=5)),
    ):
        Task.objects.create(
            family=family,
            title="Bellen",
            due_on=due,
            owner=owner,
            created_by=worker,
            created_at=timezone.now(),
        )
    Task.objects.create(
        family=family,
        title="Bellen",
        due_on=today,
        owner=colleague,
        created_by=worker,
        created_at=timezone.now(),
    )
    # The same child registered twice (two families' files), and an unrelated child with the same birth date.
    twin_a = make_request(make_family(desk), first_name="Lina", birth_date=date(2026, 5, 1))
    twin_b = make_request(make_family(desk), first_name="lina", birth_date=date(2026, 5, 1))
    make_request(make_family(desk), first_name="Omar", birth_date=date(2026, 5, 1))
    client.force_login(worker)
    response = client.get(reverse("portal:desk_home"))
    overview = response.context["overviews"][0]
    work = {item.key: item.count for item in overview["work"]}
    assert work["tasks"] == 2
    duplicates = next(q for q in overview["queues"] if q["queue"].slug == "duplicates")
    assert duplicates["count"] == 2
    listed = client.get(reverse("casework:queue", args=["duplicates"]) + f"?desk={desk.pk}").content.decode()
    assert twin_a.child.family.reference in listed and twin_b.child.family.reference in listed
    page = response.content.decode()
    assert reverse("support:signal") in page and reverse("allocation:urgent") in page
