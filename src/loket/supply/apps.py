from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupplyConfig(AppConfig):
    name = "loket.supply"
    verbose_name = _("Childcare supply")

    def ready(self):
        from . import policies  # noqa: F401 - registers the portal's actions in PERMISSIONS
