from django.contrib import admin

from loket.accounts.models import Role
from loket.core.admin_site import ScopedAdmin

from .models import DeskPolicy, Round


@admin.register(DeskPolicy)
class DeskPolicyAdmin(ScopedAdmin):
    """A desk's own priority rules, versioned by the date they take effect (the Flemish rules apply otherwise)."""

    view_roles = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN})
    change_roles = frozenset({Role.DESK_ADMIN})
    list_display = ["desk", "effective_from", "name"]
    list_filter = ["desk"]
    readonly_fields = ["created_at", "created_by"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(desk_id__in=scope.desk_ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "desk":
            from loket.accounts.policies import scope_of
            from loket.areas.models import Desk

            scope = scope_of(request.user)
            kwargs["queryset"] = (
                Desk.objects.all() if scope.is_superuser else Desk.objects.filter(pk__in=scope.desk_ids)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Round)
class RoundAdmin(ScopedAdmin):
    view_roles = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN})
    list_display = ["date", "desk", "status", "policy_name"]
    list_filter = ["status"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(desk_id__in=scope.desk_ids)

    def get_exclude(self, request, obj=None):
        # The lottery seed is secret until the round has run (only its commitment is public before).
        return ["lottery_seed"] if obj is None or obj.revealed_seed is None else []

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
