from django.core.management.base import BaseCommand

from loket.supply.services import openings_remind_to_confirm


class Command(BaseCommand):
    help = "Ask providers to confirm free places that are (nearly) stale; one reminder per confirmation."

    def handle(self, *args, **options):
        n = openings_remind_to_confirm()
        self.stdout.write(f"{n} reminder mails written")
