from django.core.management.base import BaseCommand

from loket.demand.search import families_reindex


class Command(BaseCommand):
    help = (
        "Rebuild the keys the desk's search finds families by (names, phone, e-mail, dates, postcode). Needed only "
        "after families were written in bulk, outside the services."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--desk", type=int, action="append", help="only this desk's families (repeatable)"
        )

    def handle(self, *args, desk=None, **options):
        done = families_reindex(desk_ids=desk)
        self.stdout.write(f"{done} families indexed.")
