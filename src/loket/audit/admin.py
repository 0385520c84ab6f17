from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loket.core.admin_site import ScopedAdmin

from .events import Event, event_label
from .models import AuditEvent


class EventFilter(admin.SimpleListFilter):
    title = _("what")
    parameter_name = "event"

    def lookups(self, request, model_admin):
        return sorted(Event.choices, key=lambda choice: str(choice[1]))

    def queryset(self, request, queryset):
        return queryset.filter(event=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ScopedAdmin):
    """The desk administrator reads the trail of their own desk, in plain words; nobody edits or deletes it."""

    view_action = "audit.view"
    fields = [
        "at",
        "actor_label",
        "what",
        "event",
        "object_type",
        "object_id",
        "family_id",
        "reason",
        "detail",
    ]
    list_display = ["at", "actor_label", "what", "object_type", "object_id", "family_id"]
    list_filter = [EventFilter]
    search_fields = ["actor_label", "event", "object_id"]
    date_hierarchy = "at"

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(desk_id__in=scope.desk_ids_for(action))

    @admin.display(description=_("what"), ordering="event")
    def what(self, obj) -> str:
        return event_label(obj.event)
