from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "loket.families"
    verbose_name = _("Families' desk")

    def ready(self):
        from loket.allocation.offers import register_family_links

        from . import language  # noqa: F401  (the sign-in receiver)
        from .services import SIGN_IN_LINK_MINUTES, may_sign_in_by_link, sign_in_link_make, sign_in_page_url

        # Offer mails (allocation, below families) carry a parent's way in: families lends its sign-in links.
        register_family_links(
            may_sign_in_by_link=may_sign_in_by_link,
            sign_in_link_make=sign_in_link_make,
            sign_in_page_url=sign_in_page_url,
            minutes=SIGN_IN_LINK_MINUTES,
        )
