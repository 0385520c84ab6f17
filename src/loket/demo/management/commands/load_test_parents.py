from django.core.management import BaseCommand
from django.db import transaction

from loket.accounts.models import User
from loket.areas.models import Desk
from loket.demand.models import Guardian
from loket.demo.places import DESK

LOAD_PASSWORD = "Loket-load-2026"  # noqa: S105 - accounts of the local load test only


class Command(BaseCommand):
    help = "Give N demo families a parent account (ouderN@load.example) for the load test."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)

    @transaction.atomic
    def handle(self, *args, count, **options):
        desk = Desk.objects.get(slug=DESK["slug"])
        guardians = Guardian.objects.filter(family__desk=desk, user__isnull=True).order_by("pk")[:count]
        for n, guardian in enumerate(guardians):
            user, _ = User.objects.get_or_create(email=f"ouder{n}@load.example")
            user.set_password(LOAD_PASSWORD)
            user.save()
            guardian.user = user
            guardian.save(update_fields=["user"])
        self.stdout.write(f"{len(guardians)} parent accounts ready")
