from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllocationConfig(AppConfig):
    name = "loket.allocation"
    verbose_name = _("Allocation rounds")

    def ready(self):
        from loket.supply.selectors import AllocationReaders, register_allocation

        from .policy import policy_for_desk
        from .selectors import places_held

        register_allocation(
            AllocationReaders(
                places_held=places_held, priority_policy=lambda desk, on: policy_for_desk(desk, on).policy
            )
        )
