from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import Role
from loket.core.admin_site import ScopedAdmin

from .models import ErasureRequest
from .services import erasure_request_carry_out


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ScopedAdmin):
    view_roles = frozenset({Role.DESK_ADMIN})
    change_roles = frozenset({Role.DESK_ADMIN})
    list_display = ["requested_at", "family", "status", "handled_at"]
    list_filter = ["status"]
    readonly_fields = ["family", "desk", "requested_at", "message", "handled_at", "handled_by"]
    actions = ["carry_out"]

    def scope_queryset(self, queryset, scope):
        return queryset.filter(desk_id__in=scope.desk_ids)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Carry out: anonymise these families"))
    def carry_out(self, request, queryset):
        for erasure in queryset.filter(status=ErasureRequest.Status.RECEIVED):
            try:
                erasure_request_carry_out(erasure=erasure, actor=request.user)
            except ValueError as refused:
                self.message_user(request, f"{erasure.family}: {refused}", messages.WARNING)
