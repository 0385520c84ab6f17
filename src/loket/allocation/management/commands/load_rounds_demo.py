"""Demo content for rounds: one round in the demo area, run and published, so the demo shows proposals to confirm,
offers and explanations. The demo parent (ouder@loket.demo) gets an open offer at one of her choices. Idempotent."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment, User
from loket.allocation.models import Proposal, Round
from loket.allocation.offers import offer_confirm
from loket.allocation.services import round_prepare, round_publish, round_run
from loket.demand.lifecycle import WAITING_STATUSES
from loket.demand.models import ChildcareRequest
from loket.supply.models import Opening

DEMO_PARENT = "ouder@loket.demo"
DEMO_WORKER = "balie@loket.demo"


class Command(BaseCommand):
    help = "Run and publish one allocation round in the demo area (idempotent)."

    def handle(self, *args, **options):
        request = (
            ChildcareRequest.objects.filter(child__family__guardians__user__email=DEMO_PARENT)
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
        worker = User.objects.filter(email=DEMO_WORKER).first()
        today = timezone.localdate()
        with transaction.atomic():
            opening = self._place_for(request) if request.status in WAITING_STATUSES else None
            round_ = None
            for _attempt in range(8):
                round_ = round_run(round=round_prepare(desk=desk, on=today, actor=worker), actor=worker)
                assigned = {a["request"] for a in round_.result["assignments"]}
                if opening is None or f"R{request.pk}" in assigned:
                    break
                # Families with more priority took the place: add one more, as a provider declaring a free place would.
                round_.delete()
                opening.count += 1
                opening.save(update_fields=["count"])
            proposals = round_publish(round=round_, actor=worker)
            mine = Proposal.objects.filter(round=round_, request=request).select_related("location").first()
            if mine is not None and mine.status == Proposal.Status.AWAITING_PROVIDER:
                provider = (
                    RoleAssignment.objects.filter(role=Role.PROVIDER_STAFF, organiser=mine.location.organiser)
                    .select_related("user")
                    .first()
                )
                offer_confirm(proposal=mine, actor=provider.user if provider else None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo round of {today:%Y-%m-%d}: {len(round_.instance['requests'])} requests, "
                f"{len(proposals)} proposals published; demo parent offered: {mine is not None}."
            )
        )

    def _place_for(self, request):
        """A free place at the demo parent's first choice that fits her request."""
        choice = request.choices.select_related("location").order_by("rank").first()
        if choice is None:
            return None
        location = choice.location
        tariff = (
            "income"
            if "income" in location.tariffs and request.accepts_income_tariff
            else location.tariffs[0]
        )
        return Opening.objects.create(
            location=location,
            tariff=tariff,
            start_month=max(request.start_earliest, timezone.localdate().replace(day=1)),
            weekdays_mask=location.weekdays_mask | request.weekdays_mask,
            age_min_months=0,
            age_max_months=36,
            count=1,
            confirmed_at=timezone.now(),
        )
