"""The periodic "are you still looking?" job (see loket/core/schedules.py)."""

from django.core.management.base import BaseCommand

from loket.families.services import reconfirmations_run


class Command(BaseCommand):
    help = "Ask waiting families whether they are still looking; remind the silent ones; expire after the reminder."

    def handle(self, *args, **options):
        counts = reconfirmations_run()
        self.stdout.write("asked {asked}, reminded {reminded}, expired {expired}".format(**counts))
