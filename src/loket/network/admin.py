from django.contrib import admin
from django.db.models import Q

from loket.accounts.models import Role
from loket.core.admin_site import ScopedAdmin

from .models import Partner


@admin.register(Partner)
class PartnerAdmin(ScopedAdmin):
    view_roles = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN, Role.SUPPORT_AGENT})
    change_roles = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN})
    list_display = ["name", "kind", "phone", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]

    def scope_queryset(self, queryset, scope):
        if scope.has(Role.SUPPORT_AGENT):
            return queryset
        return queryset.filter(Q(desks__in=scope.desk_ids) | Q(pk__in=scope.partner_ids)).distinct()
