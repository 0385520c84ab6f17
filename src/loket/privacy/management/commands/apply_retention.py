from django.core.management import BaseCommand

from loket.accounts.throttle import purge_old_attempts
from loket.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Anonymise families whose requests closed longer ago than their desk's retention period."

    def handle(self, *args, **options):
        families = retention_apply()
        attempts = purge_old_attempts()
        self.stdout.write(f"{families} family file(s) anonymised, {attempts} old sign-in record(s) removed")
