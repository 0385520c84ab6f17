"""Childcare supply: organisers, their licensed locations, and the free places ("openings") they declare."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.core import weekdays

from .choices import Tariff, TariffRegime


class LegalForm(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    NON_PROFIT = "vzw", _("Non-profit association (vzw)")
    COMPANY = "bv", _("Private company (bv/nv)")
    SOLE_TRADER = "sole_trader", _("Sole trader")
    COOPERATIVE = "cv", _("Cooperative (cv)")


class Organiser(models.Model):
    """An organisator: runs one or more licensed locations."""

    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    enterprise_number = models.CharField(_("enterprise number"), max_length=12, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CareType(models.TextChoices):
    GROUP = "group", _("Childcare centre (groepsopvang)")
    FAMILY = "family", _("Childminder (gezinsopvang)")


class SubsidyStep(models.TextChoices):
    STEP_0 = "0", _("Step 0: licence only")
    STEP_1 = "1", _("Step 1: basic subsidy")
    STEP_2A = "2A", _("Step 2A: income-related tariff")
    STEP_2B = "2B", _("Step 2B: income-related tariff")
    STEP_3 = "3", _("Step 3: plus subsidy")


class Location(models.Model):
    """A licensed childcare site (kinderopvanglocatie)."""

    organiser = models.ForeignKey(
        Organiser, on_delete=models.PROTECT, related_name="locations", verbose_name=_("organiser")
    )
    name = models.CharField(_("name"), max_length=200)
    # The regional agency's file number of the licence: the key that makes re-importing the agency's file idempotent.
    agency_number = models.CharField(_("agency file number"), max_length=30, blank=True)
    care_type = models.CharField(_("type of care"), max_length=10, choices=CareType.choices)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.ForeignKey(
        "areas.Postcode", on_delete=models.PROTECT, related_name="locations", verbose_name=_("postcode")
    )
    municipality = models.ForeignKey(
        "areas.Municipality",
        on_delete=models.PROTECT,
        related_name="locations",
        verbose_name=_("municipality"),
    )
    neighbourhood = models.ForeignKey(
        "areas.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("neighbourhood"),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    description = models.TextField(_("description"), blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)

    licensed_capacity = models.PositiveSmallIntegerField(_("licensed capacity"))
    age_min_months = models.PositiveSmallIntegerField(_("youngest age (months)"), default=0)
    age_max_months = models.PositiveSmallIntegerField(
        _("oldest age (months)"), default=36, validators=[MaxValueValidator(72)]
    )
    weekdays_mask = models.PositiveSmallIntegerField(
        _("opening days"), default=weekdays.to_mask(weekdays.WORKING_WEEK)
    )
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    tariff_regime = models.CharField(_("tariff regime"), max_length=10, choices=TariffRegime.choices)
    income_places = models.PositiveSmallIntegerField(
        _("income-related places"),
        default=0,
        help_text=_("For a mix: how many of the licensed places have the income-related tariff."),
    )
    subsidy_step = models.CharField(_("subsidy step"), max_length=2, choices=SubsidyStep.choices)
    # Children in care now; the reserve for vulnerable families is computed from these (FORMAT.md, "enrolled").
    enrolled_total = models.PositiveSmallIntegerField(_("children enrolled"), default=0)
    enrolled_reserve_eligible = models.PositiveSmallIntegerField(
        _("of whom from vulnerable families"), default=0
    )
    enrolled_updated_at = models.DateTimeField(_("enrolment updated at"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min_months__lte=models.F("age_max_months")), name="location_age_range_ordered"
            ),
            models.CheckConstraint(
                condition=Q(enrolled_reserve_eligible__lte=models.F("enrolled_total")),
                name="location_reserve_within_enrolled",
            ),
            models.CheckConstraint(
                condition=Q(income_places__lte=models.F("licensed_capacity")),
                name="location_income_within_capacity",
            ),
            models.UniqueConstraint(
                fields=["agency_number"], condition=~Q(agency_number=""), name="location_agency_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weekdays(self) -> tuple[int, ...]:
        return weekdays.from_mask(self.weekdays_mask)

    @property
    def weekdays_label(self) -> str:
        return weekdays.label(self.weekdays_mask)

    @property
    def tariffs(self) -> tuple[str, ...]:
        if self.tariff_regime == TariffRegime.MIX:
            return (Tariff.INCOME, Tariff.FREE)
        return (self.tariff_regime,)

    @property
    def free_price_places(self) -> int:
        if self.tariff_regime == TariffRegime.FREE:
            return self.licensed_capacity
        if self.tariff_regime == TariffRegime.INCOME:
            return 0
        return self.licensed_capacity - self.income_places

    def clean(self) -> None:
        errors = {}
        if self.care_type == CareType.FAMILY and self.licensed_capacity and self.licensed_capacity > 8:
            errors["licensed_capacity"] = _("A childminder may care for at most 8 children at once.")
        if self.tariff_regime == TariffRegime.MIX and not (
            0 < self.income_places < (self.licensed_capacity or 0)
        ):
            errors["income_places"] = _(
                "A mix needs some income-related places and some free-price places: "
                "enter a number between 1 and the licensed capacity minus 1."
            )
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            errors["closes_at"] = _("The closing time must be after the opening time.")
        if self.enrolled_reserve_eligible > self.enrolled_total:
            errors["enrolled_reserve_eligible"] = _(
                "This cannot be more than the number of children enrolled."
            )
        if errors:
            raise ValidationError(errors)


class Opening(models.Model):
    """Free places declared by a provider: `count` identical places from `start_month` (FORMAT.md "opening")."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="openings", verbose_name=_("location")
    )
    tariff = models.CharField(_("tariff"), max_length=10, choices=Tariff.choices)
    start_month = models.DateField(
        _("start month"), help_text=_("The first day of the month the places start.")
    )
    weekdays_mask = models.PositiveSmallIntegerField(_("weekdays"))
    age_min_months = models.PositiveSmallIntegerField(_("youngest age (months)"), default=0)
    age_max_months = models.PositiveSmallIntegerField(_("oldest age (months)"), default=36)
    count = models.PositiveSmallIntegerField(_("number of places"), validators=[MinValueValidator(1)])
    urgent_only = models.BooleanField(
        _("kept for urgent care"), default=False, help_text=_("Assigned directly by the desk between rounds.")
    )
    confirmed_at = models.DateTimeField(_("last confirmed at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # The provider was asked to confirm since the last confirmation (one reminder per confirmation).
    reminded_at = models.DateTimeField(_("reminder to confirm sent at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("free place")
        verbose_name_plural = _("free places")
        ordering = ["start_month", "location__name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(start_month__day=1), name="opening_start_first_of_month"),
            models.CheckConstraint(
                condition=Q(age_min_months__lte=models.F("age_max_months")), name="opening_age_range_ordered"
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="opening_count_positive"),
        ]
        indexes = [models.Index(fields=["location", "start_month"])]

    def __str__(self) -> str:
        return f"{self.location} · {self.start_month:%Y-%m} · {self.count}"

    @property
    def weekdays(self) -> tuple[int, ...]:
        return weekdays.from_mask(self.weekdays_mask)

    @property
    def weekdays_label(self) -> str:
        return weekdays.label(self.weekdays_mask)

    @property
    def is_open(self) -> bool:
        return self.withdrawn_at is None

    def clean(self) -> None:
        errors = {}
        if self.start_month and self.start_month != date(self.start_month.year, self.start_month.month, 1):
            errors["start_month"] = _("A start month is the first day of a month.")
        if self.location_id and self.tariff and self.tariff not in self.location.tariffs:
            errors["tariff"] = _("This location does not offer places at this tariff.")
        if self.location_id and self.weekdays_mask and self.weekdays_mask & ~self.location.weekdays_mask:
            errors["weekdays_mask"] = _("The location is not open on all of these days.")
        if errors:
            raise ValidationError(errors)


class SupplySettings(models.Model):
    """A desk's choices about its providers that the desk record itself does not hold."""

    desk = models.OneToOneField(
        "areas.Desk", on_delete=models.CASCADE, related_name="supply_settings", verbose_name=_("desk")
    )
    providers_answer_requests = models.BooleanField(
        _("providers answer requests themselves"),
        default=False,
        help_text=_(
            "Providers tell each family that chose them whether they have a place; the desk follows up "
            "requests they leave unanswered for longer than its target."
        ),
    )

    class Meta:
        verbose_name = _("supply settings")
        verbose_name_plural = _("supply settings")

    def __str__(self) -> str:
        return str(self.desk)


class Answer(models.TextChoices):
    PLACE_POSSIBLE = "possible", _("We may have a place: we contact the family")
    NO_PLACE = "no_place", _("We have no place for this request")


class ProviderAnswer(models.Model):
    """A provider's answer to a request that chose one of its locations (where the desk lets providers answer)."""

    request = models.ForeignKey(
        "demand.ChildcareRequest", on_delete=models.CASCADE, related_name="provider_answers"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    answered_at = models.DateTimeField(_("answered at"))
    answered_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("provider's answer")
        verbose_name_plural = _("providers' answers")
        ordering = ["-answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "location"], name="provider_answer_once_per_location")
        ]

    def __str__(self) -> str:
        return f"{self.location} · {self.get_answer_display()}"
