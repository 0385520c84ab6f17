from django.core.management import BaseCommand

from loket.core.mail import retry_unsent


class Command(BaseCommand):
    help = "Send stored mails whose delivery failed before."

    def handle(self, *args, **options):
        self.stdout.write(f"{retry_unsent()} mail(s) sent")
