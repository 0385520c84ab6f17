"""What the finder and the price comparison need beyond the supply data: a free-price location's day price.

A free-price provider sets its own price (house rules); the desk or the provider records it here so that families
can compare it with the income-related tariff. No personal data."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class FreeDayPrice(models.Model):
    location = models.OneToOneField(
        "supply.Location", on_delete=models.CASCADE, related_name="free_day_price", verbose_name=_("location")
    )
    day_price = models.DecimalField(
        _("day price (free price)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Price of a full day of care at the free price, in euro."),
    )
    valid_from = models.DateField(_("valid from"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("free-price day price")
        verbose_name_plural = _("free-price day prices")
        ordering = ["location__name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(day_price__gte=0), name="free_day_price_positive")
        ]

    def __str__(self) -> str:
        return f"{self.location} · € {self.day_price}"
