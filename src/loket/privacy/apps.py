from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "loket.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import registry

        registry.discover()  # every app's privacy.py (allocation, casework, ...)
        from . import services  # noqa: F401 - registers the demand app's export and anonymisation
