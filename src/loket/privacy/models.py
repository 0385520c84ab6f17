from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureRequest(models.Model):
    """A family's request to erase its data. The desk handles it: data the decree obliges the desk to keep (for
    example an ongoing placement) stays until that obligation ends; everything else is anonymised."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        DONE = "done", _("Carried out")
        REFUSED = "refused", _("Refused, with reason")

    family = models.ForeignKey(
        "demand.Family", on_delete=models.SET_NULL, null=True, related_name="erasure_requests"
    )
    desk = models.ForeignKey("areas.Desk", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d} {self.get_status_display()}"
