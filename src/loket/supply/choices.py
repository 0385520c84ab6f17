"""The supply app's enumerations, public to every app (they name values, not rows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TariffRegime(models.TextChoices):
    INCOME = "income", _("Income-related tariff")
    FREE = "free", _("Free price")
    MIX = "mix", _("Mix of income-related and free price")


def regimes_offering(tariffs) -> set[str]:
    """The tariff regimes of locations that can offer a place at one of these tariffs ("income", "free"): a mix
    location has both kinds of place."""
    regimes: set[str] = set()
    if "income" in tariffs:
        regimes |= {TariffRegime.INCOME, TariffRegime.MIX}
    if "free" in tariffs:
        regimes |= {TariffRegime.FREE, TariffRegime.MIX}
    return regimes


class Tariff(models.TextChoices):
    """The tariff of one place (and one contract): with the IKT-mix it is not a property of the location."""

    INCOME = "income", _("Income-related tariff")
    FREE = "free", _("Free price")
