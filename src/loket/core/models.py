"""Cross-cutting records: the mail outbox."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """A mail to send. It is written in the same transaction as the change that causes it and sent afterwards by the
    task queue, so a mail server that is down delays the mail but never loses the family's submission."""

    to = models.JSONField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    # The same mail as HTML (sent as the alternative part), and who it is from: the desk that sends it.
    html = models.TextField(_("HTML"), blank=True)
    from_email = models.CharField(_("from"), max_length=300, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    # A permanent refusal (SMTP 5xx at delivery, or a bounce reported later by the relay): not retried, shown to staff.
    bounced_at = models.DateTimeField(_("bounced at"), null=True, blank=True, db_index=True)
    bounce_reason = models.CharField(_("bounce reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        state = "bounced" if self.bounced_at else "sent" if self.sent_at else "waiting"
        return f"{self.subject} ({state})"
