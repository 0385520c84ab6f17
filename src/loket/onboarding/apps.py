from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "loket.onboarding"
    verbose_name = _("Desk onboarding")

    def ready(self):
        from . import policies  # noqa: F401 - registers the onboarding actions in PERMISSIONS
