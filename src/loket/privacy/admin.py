from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from loket.accounts.policies import scope_of
from loket.core.admin_site import ScopedAdmin

from .models import ErasureRequest
from .services import erasure_request_carry_out


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ScopedAdmin):
    """The desk administrator reads the families' erasure requests and carries them out (the action in the list)."""

    view_action = "privacy.erasure"
    fields = ["requested_at", "family", "desk", "status", "message", "handled_at", "handled_by"]
    list_display = ["requested_at", "family", "status", "handled_at"]
    list_filter = ["status"]
    actions = ["carry_out"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(desk_id__in=scope.desk_ids_for(action))

    def has_erasure_permission(self, request) -> bool:
        return scope_of(request.user).may("privacy.erasure")

    @admin.action(description=_("Carry out: anonymise these families"), permissions=["erasure"])
    def carry_out(self, request, queryset):
        for erasure in queryset.filter(status=ErasureRequest.Status.RECEIVED):
            try:
                erasure_request_carry_out(erasure=erasure, actor=request.user)
            except ValueError as refused:
                self.message_user(request, f"{erasure.family}: {refused}", messages.WARNING)
