"""Starters: people preparing to open a childcare location. They sign up with an e-mail link, follow the starters'
track step by step, book an intake and, when the location opens, become the organiser's provider account; the
starter record stays as the history of how they got there."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .knowledge import Article
from .questions import Theme


class StepKind(models.TextChoices):
    TICK = "tick", _("Mark as done")
    TARIFF = "tariff", _("Choose the tariff (IKT-mix)")
    INTAKE = "intake", _("Book an intake")
    OPENING = "opening", _("Announce the opening")


class StarterStep(models.Model):
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind of step"), max_length=10, choices=StepKind.choices, default=StepKind.TICK)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.ENTREPRENEURSHIP)
    articles = models.ManyToManyField(Article, blank=True, related_name="+", verbose_name=_("articles"))
    partner = models.ForeignKey(
        "network.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner who helps"),
    )

    class Meta:
        verbose_name = _("starter's step")
        verbose_name_plural = _("starters' steps")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title


class StarterStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("Signed up, e-mail not confirmed yet")
    ACTIVE = "active", _("Following the track")
    OPENING = "opening", _("Opening announced, to be confirmed")
    PROVIDER = "provider", _("Provider: the location is open")
    STOPPED = "stopped", _("Stopped")


class CarePlan(models.TextChoices):
    FAMILY = "family", _("Childminder (gezinsopvang, at most 8 children)")
    GROUP = "group", _("Childcare centre (groepsopvang)")


class TariffPlan(models.TextChoices):
    INCOME = "income", _("Only income-related tariff (IKT)")
    FREE = "free", _("Only free price")
    MIX = "mix", _("IKT-mix: some places income-related, some free price")


class LegalPlan(models.TextChoices):
    SOLE_TRADER = "sole_trader", _("Sole trader")
    COMPANY = "bv", _("Private company (bv/nv)")
    NON_PROFIT = "vzw", _("Non-profit association (vzw)")
    COOPERATIVE = "cv", _("Cooperative (cv)")


class Starter(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="starter",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    status = models.CharField(
        _("status"), max_length=10, choices=StarterStatus.choices, default=StarterStatus.SIGNED_UP
    )
    municipality_name = models.CharField(
        _("municipality where you plan to start"), max_length=100, blank=True
    )
    care_plan = models.CharField(_("kind of childcare"), max_length=10, choices=CarePlan.choices, blank=True)
    planned_places = models.PositiveSmallIntegerField(_("planned number of places"), null=True, blank=True)
    planned_opening = models.DateField(_("planned opening"), null=True, blank=True)
    tariff_plan = models.CharField(_("tariff"), max_length=10, choices=TariffPlan.choices, blank=True)
    income_places = models.PositiveSmallIntegerField(
        _("places with the income-related tariff"), null=True, blank=True
    )
    legal_plan = models.CharField(_("legal structure"), max_length=12, choices=LegalPlan.choices, blank=True)
    # Announced by the starter when the location opens; a support agent confirms it and the provider account is made.
    organiser_name = models.CharField(_("name of the organiser"), max_length=200, blank=True)
    location_name = models.CharField(_("name of the location"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    licensed_capacity = models.PositiveSmallIntegerField(_("licensed capacity"), null=True, blank=True)
    licence_reference = models.CharField(_("licence number (Opgroeien)"), max_length=40, blank=True)
    opens_on = models.DateField(_("opening day"), null=True, blank=True)
    organiser = models.ForeignKey(
        "supply.Organiser",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    opening_announced_at = models.DateTimeField(null=True, blank=True)
    provider_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("starter")
        verbose_name_plural = _("starters")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class StepDone(models.Model):
    starter = models.ForeignKey(Starter, on_delete=models.CASCADE, related_name="done")
    step = models.ForeignKey(StarterStep, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField()
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["starter", "step"], name="starter_step_done_once")]

    def __str__(self) -> str:
        return f"{self.starter_id}: {self.step_id}"
