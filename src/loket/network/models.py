"""The local network: partner organisations that work with young families or support providers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    SOCIAL_SERVICES = "social_services", _("Social services (OCMW)")
    JOB_SERVICE = "job_service", _("Job service")
    FAMILY_SUPPORT = "family_support", _("Huis van het Kind / family support")
    CHILD_HEALTH = "child_health", _("Child health (Kind en Gezin)")
    INTEGRATION = "integration", _("Integration service")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood organisation")
    INCLUSION = "inclusion", _("Inclusive care centre")
    PROVIDER_SUPPORT = "provider_support", _("Support for providers")


class Partner(models.Model):
    """A partner organisation. Partner advisers' roles are scoped to one of these."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    desks = models.ManyToManyField(
        "areas.Desk", blank=True, related_name="partners", verbose_name=_("desks served")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    description = models.TextField(_("what they offer"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
