"""The management screens (Django admin) follow the same rules as the rest of Loket: a role from the policy
table opens them, and every list is narrowed to the person's scope (see `ScopedAdmin`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loket.accounts.policies import scope_of


class LoketAdminSite(admin.AdminSite):
    site_header = _("Loket management")
    site_title = _("Loket management")
    index_title = _("Management")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and scope_of(user).may("admin.use"))


class ScopedAdmin(admin.ModelAdmin):
    """Base for every Loket model admin.

    `view_roles` and `change_roles` say which roles may see and edit the model; `scope_queryset` narrows rows to
    the person's desks, organisers or partners. Superusers see everything.
    """

    view_roles: frozenset[str] = frozenset()
    change_roles: frozenset[str] = frozenset()

    def scope_queryset(self, queryset, scope):
        return queryset.none()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = scope_of(request.user)
        if scope.is_superuser:
            return queryset
        return self.scope_queryset(queryset, scope)

    def _has_any(self, request, roles) -> bool:
        scope = scope_of(request.user)
        return scope.is_superuser or bool(roles & scope.roles)

    def has_module_permission(self, request) -> bool:
        return self._has_any(request, self.view_roles | self.change_roles)

    def has_view_permission(self, request, obj=None) -> bool:
        if not self._has_any(request, self.view_roles | self.change_roles):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None) -> bool:
        if not self._has_any(request, self.change_roles):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request) -> bool:
        return self._has_any(request, self.change_roles)

    def has_delete_permission(self, request, obj=None) -> bool:
        return scope_of(request.user).is_superuser


class ReadOnlyScopedAdmin(ScopedAdmin):
    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
