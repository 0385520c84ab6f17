"""Demo content for rounds: one round in the demo area, run and published, so the demo shows proposals to confirm,
offers and explanations. The demo parent (ouder@loket.demo) gets an open offer at one of her choices: her first
choice's provider declares a free place that fits her request, through supply's service (as on the provider's
free-places page). Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.selectors import people_with_role, person_by_email
from loket.allocation.models import Proposal, Round
from loket.allocation.offers import offer_confirm
from loket.allocation.services import round_prepare, round_publish, round_run
from loket.core import weekdays
from loket.demand.lifecycle import WAITING_STATUSES
from loket.demand.selectors import counted_requests
from loket.supply.services import opening_change, opening_declare

DEMO_PARENT = "ouder@loket.demo"
DEMO_WORKER = "balie@loket.demo"


def _provider_of(location):
    """A provider staff account of the location's organiser (None: the place is declared by the system)."""
    return people_with_role(Role.PROVIDER_STAFF, organiser_id=location.organiser_id).first()


class Command(BaseCommand):
    help = "Run and publish one allocation round in the demo area (idempotent)."

    def handle(self, *args, **options):
        request = (
            counted_requests()
            .filter(child__family__guardians__user__email=DEMO_PARENT)
            .select_related("desk")
            .order_by("pk")
            .first()
        )
        if request is None:
            self.stdout.write("No demo area (load_demo first); nothing to do.")
            return
        desk = request.desk
        if Round.objects.filter(desk=desk).exists():
            self.stdout.write("The demo round exists already; nothing to do.")
            return
        worker = person_by_email(DEMO_WORKER)
        today = timezone.localdate()
        with transaction.atomic():
            opening = self._place_for(request) if request.status in WAITING_STATUSES else None
            round_ = None
            for _attempt in range(8):
                round_ = round_run(round=round_prepare(desk=desk, on=today, actor=worker), actor=worker)
                assigned = {a["request"] for a in round_.result["assignments"]}
                if opening is None or f"R{request.pk}" in assigned:
                    break
                # Families with more priority took the place: the provider declares one more.
                round_.delete()
                opening = opening_change(
                    opening=opening, actor=_provider_of(opening.location), count=opening.count + 1
                )
            proposals = round_publish(round=round_, actor=worker)
            mine = Proposal.objects.filter(round=round_, request=request).select_related("location").first()
            if mine is not None and mine.status == Proposal.Status.AWAITING_PROVIDER:
                offer_confirm(proposal=mine, actor=_provider_of(mine.location))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo round of {today:%Y-%m-%d}: {len(round_.instance['requests'])} requests, "
                f"{len(proposals)} proposals published; demo parent offered: {mine is not None}."
            )
        )

    def _place_for(self, request):
        """A free place at the demo parent's first choice that fits her request, declared by its provider."""
        choice = request.choices.select_related("location").order_by("rank").first()
        if choice is None:
            return None
        location = choice.location
        tariff = (
            "income"
            if "income" in location.tariffs and request.accepts_income_tariff
            else location.tariffs[0]
        )
        return opening_declare(
            location=location,
            tariff=tariff,
            start_month=max(request.start_earliest, timezone.localdate().replace(day=1)),
            weekdays=weekdays.from_mask(location.weekdays_mask),
            count=1,
            actor=_provider_of(location),
        )
