from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from loket.accounts.policies import scope_of
from loket.core.admin_site import ScopedAdmin

from .models import ErasureRequest
from .services import erasure_blocker, erasure_preview, erasure_request_carry_out


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ScopedAdmin):
    """The desk administrator reads the families' erasure requests and carries them out (the action in the list),
    after the same preview of what will be wiped as on the erasure page (/loket/wissen/)."""

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
        erasures = list(queryset.filter(status=ErasureRequest.Status.RECEIVED).select_related("family"))
        if request.POST.get("confirm") != "yes":
            # First the preview, as on the erasure page; the administrator confirms on it.
            return TemplateResponse(
                request,
                "privacy/admin_erasure_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Erase these families' data?"),
                    "opts": self.model._meta,
                    "items": [
                        {
                            "erasure": e,
                            "preview": erasure_preview(family=e.family),
                            "blocker": erasure_blocker(e.family),
                        }
                        for e in erasures
                    ],
                    "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                    "action": "carry_out",
                },
            )
        for erasure in erasures:
            try:
                erasure_request_carry_out(erasure=erasure, actor=request.user)
            except ValueError as refused:
                self.message_user(request, f"{erasure.family}: {refused}", messages.WARNING)
            else:
                self.message_user(request, _("Erased: %(family)s") % {"family": erasure.family})
        return None
