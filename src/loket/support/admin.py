from django.contrib import admin

from loket.accounts.models import Role
from loket.core.admin_site import ReadOnlyScopedAdmin, ScopedAdmin

from .models import CannedAnswer, ResponseTarget, RoutingRule, Starter, StarterStep


class AgentAdmin(ScopedAdmin):
    """The support desk's settings: agents (regional) see and change them all."""

    view_roles = frozenset({Role.SUPPORT_AGENT})
    change_roles = frozenset({Role.SUPPORT_AGENT})

    def scope_queryset(self, queryset, scope):
        return queryset if scope.has(Role.SUPPORT_AGENT) else queryset.none()


@admin.register(ResponseTarget)
class ResponseTargetAdmin(AgentAdmin):
    list_display = ["theme", "business_hours"]


@admin.register(CannedAnswer)
class CannedAnswerAdmin(AgentAdmin):
    list_display = ["title", "theme"]
    list_filter = ["theme"]
    search_fields = ["title", "body"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AgentAdmin):
    list_display = ["theme", "keywords", "partner", "order"]
    list_filter = ["theme"]


@admin.register(StarterStep)
class StarterStepAdmin(AgentAdmin):
    list_display = ["order", "title", "theme", "partner"]
    filter_horizontal = ["articles"]


@admin.register(Starter)
class StarterAdmin(ReadOnlyScopedAdmin):
    """Starters are followed and made providers in the support desk's own pages; here they are read only."""

    view_roles = frozenset({Role.SUPPORT_AGENT})
    list_display = ["name", "status", "municipality_name", "created_at"]
    list_filter = ["status"]

    def scope_queryset(self, queryset, scope):
        return queryset if scope.has(Role.SUPPORT_AGENT) else queryset.none()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
