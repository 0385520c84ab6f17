from django.contrib import admin

from loket.core.admin_site import ScopedAdmin

from .models import Desk, Municipality, Neighbourhood, Postcode
from .services import DESK_SETTINGS_FIELDS, desk_settings_change


@admin.register(Desk)
class DeskAdmin(ScopedAdmin):
    """A desk administrator changes their own desk's settings. Desks are started on the onboarding pages (`/loketten/`),
    which take the municipalities from the reference data; there is no second way to add one here."""

    view_action = "desk.view_settings"
    change_actions = {"desk.settings": DESK_SETTINGS_FIELDS}
    fields = ["slug", *DESK_SETTINGS_FIELDS]
    list_display = ["name", "email", "phone", "max_choices", "offer_deadline_days"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(pk__in=scope.desk_ids_for(action))

    def save_through_service(self, request, obj, form, change):
        desk_settings_change(desk=obj, actor=request.user, **self.changed_values(request, obj, form))


class AreaAdmin(ScopedAdmin):
    """The area a desk serves: loaded from the official lists, read here."""

    view_action = "desk.view_settings"


@admin.register(Municipality)
class MunicipalityAdmin(AreaAdmin):
    fields = list_display = ["name", "nis_code", "province", "desk"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(desk_id__in=scope.desk_ids_for(action))


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(AreaAdmin):
    fields = list_display = ["name", "code", "municipality"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(municipality__desk_id__in=scope.desk_ids_for(action))


@admin.register(Postcode)
class PostcodeAdmin(AreaAdmin):
    fields = list_display = ["code", "place", "municipality", "neighbourhood"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(municipality__desk_id__in=scope.desk_ids_for(action))
