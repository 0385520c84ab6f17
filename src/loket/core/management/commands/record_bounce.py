from django.core.management import BaseCommand, CommandError

from loket.core.mail import record_bounce
from loket.core.models import OutgoingMail


class Command(BaseCommand):
    help = (
        "Note that an outbox mail bounced (the relay's bounce report names its id or its address): it is marked "
        "bounced with the reason and not sent again."
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--id", type=int, dest="mail_id", help="the outbox mail's id")
        target.add_argument("--to", help="an address: marks the last mail sent to it")
        parser.add_argument(
            "--reason", required=True, help='the relay\'s reply, e.g. "550 5.1.1 mailbox unknown"'
        )

    def handle(self, *args, mail_id=None, to=None, reason="", **options):
        if to:
            # The address as a quoted JSON string inside the list (works on SQLite's text and PostgreSQL's jsonb alike).
            sent = OutgoingMail.objects.filter(to__icontains=f'"{to.strip()}"', sent_at__isnull=False)
            mail = sent.order_by("-sent_at").first()
            if mail is None:
                raise CommandError("No sent mail to that address.")
            mail_id = mail.pk
        elif not OutgoingMail.objects.filter(pk=mail_id).exists():
            raise CommandError(f"No outbox mail with id {mail_id}.")
        mail = record_bounce(mail_id=mail_id, reason=reason)
        self.stdout.write(f"mail {mail.pk} marked bounced: {mail.bounce_reason}")
