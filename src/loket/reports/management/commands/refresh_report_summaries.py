import time

from django.core.management import BaseCommand

from loket.reports.models import MonthlyChanges, RequestSummary


class Command(BaseCommand):
    help = (
        "Rebuild the reports' summary of requests (RequestSummary) and the monthly status changes (MonthlyChanges) "
        "from the source tables. Triggers keep them current; run this after loading data with triggers disabled, or "
        "to check them."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = RequestSummary.rebuild()
        months = MonthlyChanges.rebuild()
        self.stdout.write(
            f"{rows} requests summarised and {months} desk-months of status changes counted "
            f"in {time.perf_counter() - started:.1f} s"
        )
