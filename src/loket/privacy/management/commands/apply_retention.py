from django.core.management import BaseCommand

from loket.accounts.throttle import purge_old_attempts
from loket.api.http import idempotent_writes_purge
from loket.core.mail import outbox_purge
from loket.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Anonymise families whose requests closed longer ago than their desk's retention period."

    def handle(self, *args, **options):
        families = retention_apply()
        attempts = purge_old_attempts()
        answers = idempotent_writes_purge()
        mails = outbox_purge()
        self.stdout.write(
            f"{families} family file(s) anonymised, {attempts} old sign-in record(s) removed,"
            f" {answers} stored API answer(s) removed, {mails} sent mail(s) removed"
        )
