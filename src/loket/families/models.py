"""What the families' desk keeps itself: registration drafts (so nothing is lost when a parent closes the browser)
and one-time sign-in links. Families, children and requests live in `loket.demand`."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class RegistrationDraft(models.Model):
    """The answers of a registration in progress, stored server-side. A parent's draft is found through a random
    token in a long-lived cookie (only its hash is stored) or through their account; a desk worker's through theirs."""

    class Mode(models.TextChoices):
        WEB = "web", _("Website")
        DESK = "desk", _("Desk")

    token_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    mode = models.CharField(max_length=4, choices=Mode.choices, default=Mode.WEB)
    desk = models.ForeignKey("areas.Desk", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration draft")
        verbose_name_plural = _("registration drafts")

    def __str__(self) -> str:
        return f"draft {self.pk} ({self.mode})"


class SignInLink(models.Model):
    """A one-time sign-in link mailed to a parent: signed, valid for a short time, used once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")

    def __str__(self) -> str:
        return f"sign-in link {self.pk}"


class SubmittedRegistration(models.Model):
    """The idempotency key of a sent registration: a random key put in the check page's form, stored uniquely with
    the family it made. A resubmit with the same key (a parent pressing again after a lost answer, a client retrying
    after a database restart) gets the same registration back and never registers the family twice."""

    key = models.CharField(max_length=64, unique=True)
    # Empty only inside the submit's own transaction (the key's row is written first, see registration_submit).
    family = models.ForeignKey("demand.Family", on_delete=models.CASCADE, null=True, related_name="+")
    request_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sent registration")
        verbose_name_plural = _("sent registrations")

    def __str__(self) -> str:
        return f"sent registration {self.pk}"
