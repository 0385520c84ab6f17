"""The network app's enumerations, public to every app (they name values, not rows)."""

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


class Need(models.TextChoices):
    """What a family may need help with; a referral names one, a directory entry lists those it serves."""

    PARENTING = "parenting", _("Parenting support")
    FINANCIAL = "financial", _("Financial help")
    LANGUAGE = "language", _("Language course")
    INCLUSIVE_CARE = "inclusive_care", _("Inclusive care for a child with specific needs")
    DIAGNOSIS = "diagnosis", _("Diagnosis and assessment")
    WORK = "work", _("Work, job search or training")
    HEALTH = "health", _("Health of mother and child")
    HOUSING = "housing", _("Housing")
    INTEGRATION = "integration", _("Civic integration")
