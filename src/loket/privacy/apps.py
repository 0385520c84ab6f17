from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "loket.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import registry

        registry.discover()  # every app's privacy.py (demand, allocation, casework, ...)
