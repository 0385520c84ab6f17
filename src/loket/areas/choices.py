"""The areas app's enumerations, public to every app (they name values, not rows)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CentroidSource(models.TextChoices):
    SURVEYED = "surveyed", _("entered by hand")
    LOCATIONS = "locations", _("the mean of the postcode's childcare locations")
    MUNICIPALITY = "municipality", _("the mean of the municipality's childcare locations")
    NONE = "none", _("not known yet")


class Province(models.TextChoices):
    ANTWERP = "VAN", _("Antwerp")
    LIMBURG = "VLI", _("Limburg")
    EAST_FLANDERS = "VOV", _("East Flanders")
    FLEMISH_BRABANT = "VBR", _("Flemish Brabant")
    WEST_FLANDERS = "VWV", _("West Flanders")
    BRUSSELS = "BRU", _("Brussels")
