from django.contrib import admin
from django.db.models import Q

from loket.accounts.models import Role
from loket.accounts.policies import scope_of
from loket.areas.models import Desk
from loket.core.admin_site import ScopedAdmin

from .models import Location, Opening, Organiser, SupplySettings

SUPPLY_ROLES = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN, Role.PROVIDER_STAFF, Role.SUPPORT_AGENT})


def _location_filter(scope, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}organiser_id__in": scope.organiser_ids})
        | Q(**{f"{prefix}pk__in" if not prefix else f"{prefix}id__in": scope.location_ids})
        | Q(**{f"{prefix}municipality__desk_id__in": scope.desk_ids})
    )


@admin.register(Organiser)
class OrganiserAdmin(ScopedAdmin):
    view_roles = SUPPLY_ROLES
    change_roles = frozenset({Role.PROVIDER_STAFF, Role.DESK_ADMIN})
    list_display = ["name", "legal_form", "email", "phone"]
    search_fields = ["name"]

    def scope_queryset(self, queryset, scope):
        if scope.has(Role.SUPPORT_AGENT):
            return queryset
        return queryset.filter(
            Q(pk__in=scope.organiser_ids)
            | Q(pk__in=scope.location_organiser_ids)
            | Q(locations__municipality__desk_id__in=scope.desk_ids)
        ).distinct()


class OpeningInline(admin.TabularInline):
    model = Opening
    extra = 0
    fields = [
        "tariff",
        "start_month",
        "weekdays_mask",
        "age_min_months",
        "age_max_months",
        "count",
        "withdrawn_at",
    ]


@admin.register(Location)
class LocationAdmin(ScopedAdmin):
    view_roles = SUPPLY_ROLES
    change_roles = frozenset({Role.PROVIDER_STAFF, Role.DESK_ADMIN})
    list_display = [
        "name",
        "organiser",
        "municipality",
        "care_type",
        "tariff_regime",
        "licensed_capacity",
        "enrolled_total",
    ]
    list_filter = ["care_type", "tariff_regime", "municipality"]
    search_fields = ["name", "organiser__name"]
    inlines = [OpeningInline]

    def scope_queryset(self, queryset, scope):
        if scope.has(Role.SUPPORT_AGENT):
            return queryset
        return queryset.filter(_location_filter(scope))


@admin.register(Opening)
class OpeningAdmin(ScopedAdmin):
    view_roles = SUPPLY_ROLES
    change_roles = frozenset({Role.PROVIDER_STAFF})
    list_display = ["location", "tariff", "start_month", "count", "confirmed_at", "withdrawn_at"]
    list_filter = ["tariff"]

    def scope_queryset(self, queryset, scope):
        if scope.has(Role.SUPPORT_AGENT):
            return queryset
        return queryset.filter(_location_filter(scope, "location__"))


@admin.register(SupplySettings)
class SupplySettingsAdmin(ScopedAdmin):
    """Whether the desk's providers answer requests themselves (the time to answer is then tracked)."""

    view_roles = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN})
    change_roles = frozenset({Role.DESK_ADMIN})
    list_display = ["desk", "providers_answer_requests"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(desk_id__in=scope.desk_ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "desk":
            scope = scope_of(request.user)
            kwargs["queryset"] = (
                Desk.objects.all() if scope.is_superuser else Desk.objects.filter(pk__in=scope.desk_ids)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
