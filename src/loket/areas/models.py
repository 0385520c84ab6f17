"""Where Loket works: desks, the municipalities they serve, neighbourhoods (for reports below municipality
level) and postcodes (with a centroid, so distances need no external map service)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    ANTWERP = "VAN", _("Antwerp")
    LIMBURG = "VLI", _("Limburg")
    EAST_FLANDERS = "VOV", _("East Flanders")
    FLEMISH_BRABANT = "VBR", _("Flemish Brabant")
    WEST_FLANDERS = "VWV", _("West Flanders")
    BRUSSELS = "BRU", _("Brussels")


class Desk(models.Model):
    """A Lokaal Loket Kinderopvang: one per municipality, or one shared by the municipalities of a care region.

    The desk's own settings live here because the decree leaves them to the desk (deadlines, rhythm, retention).
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    address = models.CharField(_("visiting address"), max_length=300, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)

    max_choices = models.PositiveSmallIntegerField(
        _("maximum number of choices per request"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    offer_deadline_days = models.PositiveSmallIntegerField(_("days to answer an offer"), default=10)
    provider_confirmation_required = models.BooleanField(
        _("providers confirm proposals before the family sees them"), default=True
    )
    reconfirm_every_days = models.PositiveSmallIntegerField(
        _("ask families every N days whether they are still looking"), default=90
    )
    reconfirm_grace_days = models.PositiveSmallIntegerField(
        _("days after the reminder before a silent request expires"), default=14
    )
    followup_after_weeks = models.PositiveSmallIntegerField(
        _("follow up vulnerable families without an offer after N weeks"), default=6
    )
    free_places_fresh_days = models.PositiveSmallIntegerField(
        _("free places must be re-confirmed every N days"), default=30
    )
    provider_answer_days = models.PositiveSmallIntegerField(
        _("target for providers to answer a request (days)"), default=21
    )
    rounds_every_weeks = models.PositiveSmallIntegerField(
        _("run an allocation round every N weeks"), default=4
    )
    horizon_months = models.PositiveSmallIntegerField(
        _("offer only places starting within N months"), default=9
    )
    earliest_offer_months = models.PositiveSmallIntegerField(
        _("make no offer earlier than N months before the start"), default=7
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep closed requests for N months, then anonymise"), default=24
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=120)
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    province = models.CharField(_("province"), max_length=3, choices=Province.choices)
    desk = models.ForeignKey(
        Desk, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("desk")
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="neighbourhoods", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(_("code"), max_length=20)

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="neighbourhood_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.name})"


class Postcode(models.Model):
    """A Belgian postcode with the centroid of the place it names. One postcode can hold several places
    (deelgemeenten); each row is one place, so `code` is not unique."""

    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    place = models.CharField(_("place"), max_length=120)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="postcodes", verbose_name=_("municipality")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.SET_NULL, null=True, blank=True, related_name="postcodes"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code", "place"]
        constraints = [models.UniqueConstraint(fields=["code", "place"], name="postcode_place_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.place}"
