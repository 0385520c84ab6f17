from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllocationConfig(AppConfig):
    name = "loket.allocation"
    verbose_name = _("Allocation rounds")

    def ready(self):
        from . import privacy  # noqa: F401 - the family's offers in its download and its erasure
