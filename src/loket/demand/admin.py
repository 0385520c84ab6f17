from django.contrib import admin

from loket.audit.events import Event
from loket.audit.services import audit_record
from loket.core.admin_site import ReadOnlyInline, ScopedAdmin

from .models import ChildcareRequest, Choice, Family, StatusChange


class ChoiceInline(ReadOnlyInline):
    model = Choice
    fields = ["rank", "location"]
    show_change_link = False


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["from_status", "to_status", "at", "by", "reason"]
    show_change_link = False


class FamilyFileAdmin(ScopedAdmin):
    """Inspection only: changes go through the desk's screens, which apply the lifecycle rules. Opening a family's
    details here is recorded in its audit trail, as on the desk's screens."""

    view_action = "desk.view_requests"
    viewed_event = ""

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(desk_id__in=scope.desk_ids_for(action))

    def family_id_of(self, obj) -> int:
        raise NotImplementedError

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and response.status_code == 200:
            audit_record(
                actor=request.user,
                event=self.viewed_event,
                obj=obj,
                desk_id=obj.desk_id,
                family_id=self.family_id_of(obj),
                via="admin",
            )
        return response


@admin.register(ChildcareRequest)
class ChildcareRequestAdmin(FamilyFileAdmin):
    viewed_event = Event.REQUEST_VIEWED
    fields = [
        "child",
        "desk",
        "status",
        "channel",
        "registered_at",
        "start_earliest",
        "start_latest",
        "weekdays_mask",
        "accepts_income_tariff",
        "accepts_free_price",
        "work",
        "single_parent",
        "low_income",
        "health_or_care",
        "no_diploma",
        "foster",
        "sworn_statement_at",
        "facts_confirmed_at",
        "urgent",
        "urgency_reason",
        "consent_version",
        "last_confirmed_at",
        "closed_at",
    ]
    list_display = ["__str__", "status", "registered_at", "start_earliest", "urgent", "channel"]
    list_filter = ["status", "urgent", "channel"]
    search_fields = ["child__family__reference"]
    inlines = [ChoiceInline, StatusChangeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("child__family")

    def family_id_of(self, obj) -> int:
        return obj.child.family_id


@admin.register(Family)
class FamilyAdmin(FamilyFileAdmin):
    viewed_event = Event.FAMILY_VIEWED
    fields = ["reference", "desk", "preferred_language", "created_at"]
    list_display = ["reference", "desk", "preferred_language", "created_at"]
    search_fields = ["reference"]

    def family_id_of(self, obj) -> int:
        return obj.pk
