"""Sending mail through the outbox: `mail_later` inside the transaction, delivery by the task queue after it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def mail_later(*, to: list[str], subject: str, body: str) -> OutgoingMail:
    """Store a mail and send it once the surrounding transaction commits."""
    mail = OutgoingMail.objects.create(to=list(to), subject=subject[:300], body=body)
    transaction.on_commit(lambda: enqueue_delivery(mail.pk))
    return mail


def mail_template_later(
    *, to: list[str], language: str, subject_template: str, body_template: str, context: dict
):
    """Render a mail in the recipient's language (not the language of whoever caused it) and store it."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    return mail_later(to=to, subject=subject, body=body)


def enqueue_delivery(mail_id: int) -> None:
    from django_q.tasks import async_task

    async_task("loket.core.mail.deliver", mail_id, task_name=f"mail-{mail_id}")


def deliver(mail_id: int) -> bool:
    """Send one stored mail; on failure keep it for the next retry. Idempotent: a sent mail is not sent again."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        if mail.sent_at is not None:
            return True
        mail.attempts += 1
        try:
            EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, mail.to).send()
        except Exception as error:  # any transport failure is kept and retried
            mail.last_error = f"{type(error).__name__}: {error}"[:500]
            mail.save(update_fields=["attempts", "last_error"])
            log.warning("mail.delivery_failed id=%s attempts=%s", mail.pk, mail.attempts)
            return False
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "sent_at", "last_error"])
    return True


def retry_unsent(older_than: timedelta = timedelta(minutes=5)) -> int:
    """The periodic safety net: mails whose delivery task failed or never ran."""
    cutoff = timezone.now() - older_than
    pending = OutgoingMail.objects.filter(
        sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, created_at__lt=cutoff
    )
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))


# Sent mails are kept this long (to answer "did you send it?"), then deleted: they may describe a family's situation.
MAIL_KEEP_DAYS = 90


def outbox_purge(*, now=None) -> int:
    """Delete mails sent more than MAIL_KEEP_DAYS ago; unsent ones stay for the retries. Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=MAIL_KEEP_DAYS)
    return OutgoingMail.objects.filter(sent_at__lt=cutoff).delete()[0]
