from django.core.management.base import BaseCommand

from loket.support.services import deadline_warnings_send


class Command(BaseCommand):
    help = "Mail whoever has a question whose answer is due within two hours (once per question)."

    def handle(self, *args, **options):
        self.stdout.write(f"{deadline_warnings_send()} deadline warnings sent")
