"""The supply app's enumerations, public to every app (they name values, not rows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TariffRegime(models.TextChoices):
    INCOME = "income", _("Income-related tariff")
    FREE = "free", _("Free price")
    MIX = "mix", _("Mix of income-related and free price")


class Tariff(models.TextChoices):
    """The tariff of one place (and one contract): with the IKT-mix it is not a property of the location."""

    INCOME = "income", _("Income-related tariff")
    FREE = "free", _("Free price")
