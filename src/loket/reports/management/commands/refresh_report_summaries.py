import time

from django.core.management import BaseCommand

from loket.reports.models import RequestIdentity


class Command(BaseCommand):
    help = (
        "Rebuild the reports' summary of requests (RequestIdentity) from the source tables. Triggers keep it "
        "current; run this after loading data with triggers disabled, or to check it."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = RequestIdentity.rebuild()
        self.stdout.write(f"{rows} requests summarised in {time.perf_counter() - started:.1f} s")
