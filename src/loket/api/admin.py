"""API tokens in the management screens: only the installation's administrators create and revoke them. The plain token
is shown once, right after it is created; only its hash is kept."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from loket.core.admin_site import ScopedAdmin

from .models import ApiToken
from .tokens import token_issue, token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    view_action = add_action = "api.tokens"
    fields = ["name", "kind", "organiser", "rate_limit_per_minute", "prefix", "created_at", "created_by"]
    add_fields = ("name", "kind", "organiser", "rate_limit_per_minute")
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    list_display = ["name", "kind", "organiser", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["kind", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "organiser__name"]
    actions = ["revoke_tokens"]

    def save_through_service(self, request, obj, form, change):
        token, plain = token_issue(
            name=obj.name,
            kind=obj.kind,
            organiser=obj.organiser,
            actor=request.user,
            rate_limit_per_minute=obj.rate_limit_per_minute,
        )
        obj.pk = token.pk
        obj.refresh_from_db()
        messages.warning(
            request,
            _("Copy this token now; it is shown only once and cannot be recovered: %(token)s")
            % {"token": plain},
        )

    @admin.action(description=_("Revoke the selected tokens"), permissions=["view"])
    def revoke_tokens(self, request, queryset):
        count = sum(token_revoke(token=token, actor=request.user) for token in queryset)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count},
        )
