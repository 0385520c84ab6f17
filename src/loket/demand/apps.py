from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandConfig(AppConfig):
    name = "loket.demand"
    verbose_name = _("Childcare requests")

    def ready(self):
        from loket.accounts.policies import register_family_reader

        from .selectors import family_id_of_user

        register_family_reader(family_id_of_user)
        from . import signals  # noqa: F401 - keeps the families' search keys in step
