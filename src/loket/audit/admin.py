from django.contrib import admin

from loket.accounts.models import Role
from loket.core.admin_site import ReadOnlyScopedAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyScopedAdmin):
    """The desk administrator reads the trail of their own desk; nobody edits or deletes it."""

    view_roles = frozenset({Role.DESK_ADMIN})
    list_display = ["at", "actor_label", "event", "object_type", "object_id", "family_id"]
    list_filter = ["event"]
    search_fields = ["actor_label", "event", "object_id"]
    date_hierarchy = "at"

    def scope_queryset(self, queryset, scope):
        return queryset.filter(desk_id__in=scope.desk_ids)

    def has_delete_permission(self, request, obj=None):
        return False
