"""Tokens for the public API and the stored answers to writes sent with an idempotency key."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenKind(models.TextChoices):
    PROVIDER = "provider", _("Provider (one organiser's locations)")
    AGENCY = "agency", _("Regional agency (figures, read-only)")


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A secret that a provider's software or the regional agency sends as `Authorization: Bearer <token>`.

    Only a SHA-256 hash of the token is kept (the token itself is 256 random bits, so a plain hash is enough); the
    first characters (`prefix`) are kept to recognise it in lists and logs. The token is shown once, when an
    administrator creates it.
    """

    name = models.CharField(
        _("name"), max_length=200, help_text=_("What the token is for, e.g. the software.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TokenKind.choices)
    organiser = models.ForeignKey(
        "supply.Organiser",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
        verbose_name=_("organiser"),
        help_text=_("Required for a provider token: the token reaches only this organiser's locations."),
    )
    prefix = models.CharField(_("prefix"), max_length=16, db_index=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    rate_limit_per_minute = models.PositiveIntegerField(_("calls per minute"), default=120)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="agency", organiser__isnull=True)
                | Q(kind="provider", organiser__isnull=False),
                name="api_token_scope_matches_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def clean(self) -> None:
        if self.kind == TokenKind.PROVIDER and not self.organiser_id:
            raise ValidationError({"organiser": _("A provider token needs an organiser.")})
        if self.kind == TokenKind.AGENCY and self.organiser_id:
            raise ValidationError(
                {"organiser": _("An agency token reaches every desk: leave the organiser empty.")}
            )


class IdempotentWrite(models.Model):
    """The answer to a write sent with an `Idempotency-Key`, so a retry gets the same answer and changes nothing."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)  # empty while the first call is still running
    content_type = models.CharField(max_length=100, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_once")]

    def __str__(self) -> str:
        return self.key
