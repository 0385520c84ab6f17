from django.contrib import admin

from loket.accounts.models import Role
from loket.core.admin_site import ScopedAdmin

from .models import Desk, Municipality, Neighbourhood, Postcode

DESK_STAFF = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN})


@admin.register(Desk)
class DeskAdmin(ScopedAdmin):
    view_roles = DESK_STAFF
    change_roles = frozenset({Role.DESK_ADMIN})
    list_display = ["name", "email", "phone", "max_choices", "offer_deadline_days"]
    prepopulated_fields = {"slug": ["name"]}

    def scope_queryset(self, queryset, scope):
        return queryset.filter(pk__in=scope.desk_ids)


@admin.register(Municipality)
class MunicipalityAdmin(ScopedAdmin):
    view_roles = DESK_STAFF
    list_display = ["name", "nis_code", "province", "desk"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(desk_id__in=scope.desk_ids)


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(ScopedAdmin):
    view_roles = DESK_STAFF
    change_roles = frozenset({Role.DESK_ADMIN})
    list_display = ["name", "code", "municipality"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(municipality__desk_id__in=scope.desk_ids)


@admin.register(Postcode)
class PostcodeAdmin(ScopedAdmin):
    view_roles = DESK_STAFF
    list_display = ["code", "place", "municipality", "neighbourhood"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(municipality__desk_id__in=scope.desk_ids)
