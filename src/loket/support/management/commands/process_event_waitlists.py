from django.core.management.base import BaseCommand

from loket.support.services import process_waitlists


class Command(BaseCommand):
    help = "Pass freed event places on when the person they were offered to did not claim them in time."

    def handle(self, *args, **options):
        self.stdout.write(f"{process_waitlists()} offered places passed on.")
