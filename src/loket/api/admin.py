"""API tokens in the management screens: only superusers create and revoke them. The plain token is shown once,
right after it is created; only its hash is kept."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from loket.accounts.policies import scope_of
from loket.audit.services import audit_record

from .models import ApiToken
from .tokens import token_issue


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organiser", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["kind", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "organiser__name"]
    autocomplete_fields = ["organiser"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke_tokens"]

    def _superuser(self, request) -> bool:
        return scope_of(request.user).is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the audit trail keeps pointing at the token

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "kind", "organiser", "rate_limit_per_minute"]
        return ["name", "kind", "organiser", "rate_limit_per_minute", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["kind", "organiser", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        token, plain = token_issue(
            name=obj.name,
            kind=obj.kind,
            organiser=obj.organiser,
            actor=request.user,
            rate_limit_per_minute=obj.rate_limit_per_minute,
        )
        obj.pk = token.pk
        obj.refresh_from_db()
        audit_record(actor=request.user, event="api_token.created", obj=token, kind=token.kind)
        messages.warning(
            request,
            _("Copy this token now; it is shown only once and cannot be recovered: %(token)s")
            % {"token": plain},
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke_tokens(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(actor=request.user, event="api_token.revoked", obj=token)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count},
        )
