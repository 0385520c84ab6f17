"""The demand app's enumerations, public to every app (they name values, not rows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in at the desk")
    PARTNER = "partner", _("Through a partner organisation")
