from django.core.management import BaseCommand, CommandError

from loket.core.models import OutgoingMail


class Command(BaseCommand):
    help = (
        "Show an outbox mail as it is sent: its text part, or with --html its HTML part (save it to a file and open it "
        "in a browser). Without --id: the newest mail."
    )

    def add_arguments(self, parser):
        parser.add_argument("--id", type=int, dest="mail_id", help="the outbox mail's id")
        parser.add_argument("--html", action="store_true", help="the HTML part instead of the text part")

    def handle(self, *args, mail_id=None, html=False, **options):
        mails = OutgoingMail.objects.order_by("-pk")
        mail = mails.filter(pk=mail_id).first() if mail_id else mails.first()
        if mail is None:
            raise CommandError("No such mail in the outbox.")
        if html:
            self.stdout.write(mail.html or "(this mail has no HTML part)")
            return
        self.stdout.write(f"From: {mail.from_email}\nTo: {', '.join(mail.to)}\nSubject: {mail.subject}\n")
        if mail.reply_to:
            self.stdout.write(f"Reply-To: {', '.join(mail.reply_to)}\n")
        self.stdout.write("\n" + mail.body)
