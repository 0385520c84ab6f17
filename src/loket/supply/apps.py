from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupplyConfig(AppConfig):
    name = "loket.supply"
    verbose_name = _("Childcare supply")
