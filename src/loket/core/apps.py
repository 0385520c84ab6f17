from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "loket.core"
    verbose_name = _("Loket")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
