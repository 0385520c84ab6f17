import time

from django.core.management import BaseCommand

from loket.reports.models import RequestSummary


class Command(BaseCommand):
    help = (
        "Rebuild the reports' summary of requests (RequestSummary) from the source tables. Triggers keep it "
        "current; run this after loading data with triggers disabled, or to check it."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = RequestSummary.rebuild()
        self.stdout.write(f"{rows} requests summarised in {time.perf_counter() - started:.1f} s")
