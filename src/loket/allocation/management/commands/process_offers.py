from django.core.management.base import BaseCommand

from loket.allocation.offers import offers_process


class Command(BaseCommand):
    help = "Remind families of offers that run out soon and expire offers past their deadline."

    def handle(self, *args, **options):
        done = offers_process()
        self.stdout.write(f"reminded={done['reminded']} expired={done['expired']}")
