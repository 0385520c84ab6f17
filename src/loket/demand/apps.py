from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandConfig(AppConfig):
    name = "loket.demand"
    verbose_name = _("Childcare requests")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - keeps the families' search keys in step
