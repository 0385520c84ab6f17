from django.contrib import admin

from loket.accounts.models import Role
from loket.audit.services import audit_record
from loket.core.admin_site import ReadOnlyScopedAdmin

from .models import ChildcareRequest, Choice, Family, StatusChange

DESK_STAFF = frozenset({Role.DESK_WORKER, Role.DESK_ADMIN})


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    can_delete = False
    readonly_fields = ["rank", "location"]

    def has_add_permission(self, request, obj=None):
        return False


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "at", "by", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ChildcareRequest)
class ChildcareRequestAdmin(ReadOnlyScopedAdmin):
    """Inspection only: changes go through the desk's screens, which apply the lifecycle rules."""

    view_roles = DESK_STAFF
    list_display = ["__str__", "status", "registered_at", "start_earliest", "urgent", "channel"]
    list_filter = ["status", "urgent", "channel"]
    search_fields = ["child__family__reference"]
    inlines = [ChoiceInline, StatusChangeInline]
    exclude = ["siblings_at"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(desk_id__in=scope.desk_ids)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("child__family")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and response.status_code == 200:
            audit_record(
                actor=request.user,
                event="request.viewed",
                obj=obj,
                desk_id=obj.desk_id,
                family_id=obj.child.family_id,
                via="admin",
            )
        return response


@admin.register(Family)
class FamilyAdmin(ReadOnlyScopedAdmin):
    view_roles = DESK_STAFF
    list_display = ["reference", "desk", "preferred_language", "created_at"]
    search_fields = ["reference"]
    exclude = ["access_code_hash"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(desk_id__in=scope.desk_ids)
