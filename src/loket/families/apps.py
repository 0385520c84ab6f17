from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "loket.families"
    verbose_name = _("Families' desk")

    def ready(self):
        from . import language  # noqa: F401  (the sign-in receiver)
