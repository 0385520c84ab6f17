"""Sending mail through the outbox: `mail_later` inside the transaction, delivery by the task queue after it."""

import logging
import smtplib
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
        if mail.sent_at is not None or mail.bounced_at is not None:
            return mail.sent_at is not None
        mail.attempts += 1
        try:
            EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, mail.to).send()
        except (
            Exception
        ) as error:  # any transport failure is kept; a permanent refusal is a bounce, the rest is retried
            mail.last_error = f"{type(error).__name__}: {error}"[:500]
            refusal = permanent_refusal(error)
            if refusal:
                mail.bounced_at = timezone.now()
                mail.bounce_reason = refusal[:500]
                mail.save(update_fields=["attempts", "last_error", "bounced_at", "bounce_reason"])
                log.warning("mail.bounced", extra={"mail_id": mail.pk, "smtp_reply": refusal[:3]})
                return False
            mail.save(update_fields=["attempts", "last_error"])
            log.warning("mail.delivery_failed", extra={"mail_id": mail.pk, "attempts": mail.attempts})
            return False
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "sent_at", "last_error"])
    return True


def permanent_refusal(error: Exception) -> str:
    """The relay's reply when it refused this mail for good (SMTP 5xx for its recipient or its content); empty for
    failures worth retrying: 4xx, connection trouble, and refusals of Loket's own account or sender address (a
    settings problem that, once fixed, lets the mail through)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        if replies and all(code >= 500 for code, _message in replies):
            code, message = replies[0]
            return f"{code} {_text(message)}"
        return ""
    if isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500:
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return ""


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)


def record_bounce(*, mail_id: int, reason: str) -> OutgoingMail:
    """Note that a mail bounced after the relay accepted it (a delivery status notification, the relay's report).
    The mail stays as it was sent; staff see it bounced and why."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        mail.bounced_at = timezone.now()
        mail.bounce_reason = reason.strip()[:500] or "bounced"
        mail.save(update_fields=["bounced_at", "bounce_reason"])
    log.info("mail.bounce_recorded", extra={"mail_id": mail.pk})
    return mail


def retry_unsent(older_than: timedelta = timedelta(minutes=5)) -> int:
    """The periodic safety net: mails whose delivery task failed or never ran (never those refused for good)."""
    cutoff = timezone.now() - older_than
    pending = OutgoingMail.objects.filter(
        sent_at__isnull=True, bounced_at__isnull=True, attempts__lt=MAX_ATTEMPTS, created_at__lt=cutoff
    )
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))
