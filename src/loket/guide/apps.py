from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """Information for families and the childcare finder: how the desk works, what care costs, where it is."""

    name = "loket.guide"
    verbose_name = _("Information for families and the childcare finder")
