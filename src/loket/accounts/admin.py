from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from loket.core.admin_site import ScopedAdmin

from .models import Role, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields: list[str] = []


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):
    """Desk administrators manage the accounts of their own desk's staff; superusers manage everyone."""

    view_roles = frozenset({Role.DESK_ADMIN})
    change_roles = frozenset({Role.DESK_ADMIN})
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language")}),
        (_("Access"), {"fields": ("is_active", "is_staff")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(roles__desk_id__in=scope.desk_ids, is_superuser=False).distinct()
