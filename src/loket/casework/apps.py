from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "loket.casework"
    verbose_name = _("Follow-up and casework")

    def ready(self) -> None:
        from . import privacy  # noqa: F401 - registers the export and the anonymisation
