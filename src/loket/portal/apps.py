from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages that bring the domains together: the public home, the landing after sign-in and one home per role.

    It sits on top of the domain apps and may read from each of them (through their selectors); no app imports it."""

    name = "loket.portal"
    verbose_name = _("Portal")
