from django.core.management.base import BaseCommand

from loket.support.services import send_reminders


class Command(BaseCommand):
    help = "Remind attendees of tomorrow's events; send follow-up mails to attendees and no-shows."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} mails written.")
