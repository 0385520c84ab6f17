from django.contrib import admin

from loket.core.admin_site import ScopedAdmin

from .models import CannedAnswer, ResponseTarget, RoutingRule, Starter, StarterStep
from .services import setting_delete, setting_save

# The partners the support desk routes to: those who support providers (entrepreneurship, organisation, pedagogy)
# and the inclusive care centres; not the families' social services.
SUPPORT_PARTNER_KINDS = ("provider_support", "inclusion")


class SettingAdmin(ScopedAdmin):
    """The support desk's settings: its agents (regional) keep them, through `support.services.setting_save`."""

    view_action = add_action = delete_action = "support.settings"
    relations: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.change_actions = {"support.settings": tuple(name for name in cls.fields)}

    def scope_queryset(self, queryset, scope, action):
        return queryset  # regional: an agent keeps every setting

    def choices_for(self, field_name, queryset, scope):
        if field_name == "partner":
            return queryset.filter(kind__in=SUPPORT_PARTNER_KINDS)
        return queryset  # articles: the public knowledge base

    def save_through_service(self, request, obj, form, change):
        relations = {name: form.cleaned_data[name] for name in self.relations if name in form.cleaned_data}
        setting_save(setting=obj, actor=request.user, relations=relations)

    def delete_through_service(self, request, obj):
        setting_delete(setting=obj, actor=request.user)


@admin.register(ResponseTarget)
class ResponseTargetAdmin(SettingAdmin):
    fields = list_display = ["theme", "business_hours"]


@admin.register(CannedAnswer)
class CannedAnswerAdmin(SettingAdmin):
    fields = ["title", "theme", "body"]
    list_display = ["title", "theme"]
    list_filter = ["theme"]
    search_fields = ["title", "body"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(SettingAdmin):
    fields = list_display = ["theme", "keywords", "partner", "order"]
    list_filter = ["theme"]


@admin.register(StarterStep)
class StarterStepAdmin(SettingAdmin):
    fields = ["order", "title", "theme", "description", "partner", "articles"]
    list_display = ["order", "title", "theme", "partner"]
    filter_horizontal = ["articles"]
    relations = ("articles",)


@admin.register(Starter)
class StarterAdmin(ScopedAdmin):
    """Starters are followed and made providers in the support desk's own pages; here they are read only."""

    view_action = "support.agent"
    fields = [
        "name",
        "email",
        "status",
        "municipality_name",
        "care_plan",
        "planned_opening",
        "organiser",
        "created_at",
    ]
    list_display = ["name", "status", "municipality_name", "created_at"]
    list_filter = ["status"]

    def scope_queryset(self, queryset, scope, action):
        return queryset
