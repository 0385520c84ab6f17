"""The accounts app's enumerations, public to every app (they name values, not rows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DESK_WORKER = "desk_worker", _("Desk worker")
    DESK_ADMIN = "desk_admin", _("Desk administrator")
    PROVIDER_STAFF = "provider_staff", _("Provider staff")
    PARTNER_ADVISER = "partner_adviser", _("Partner adviser")
    SUPPORT_AGENT = "support_agent", _("Support desk agent")
    POLICY_VIEWER = "policy_viewer", _("Policy viewer")
