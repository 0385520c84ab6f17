from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from loket.core.admin_site import ScopedAdmin

from .models import DeskPolicy, Round
from .selectors import ROUND_BLOBS
from .services import desk_policy_save


@admin.register(DeskPolicy)
class DeskPolicyAdmin(ScopedAdmin):
    """A desk's own priority rules, versioned by the date they take effect (the Flemish rules apply otherwise). Rules in
    force are kept as they are; new rules take effect from today or later (`allocation.services.desk_policy_save`)."""

    view_action = "desk.view_settings"
    add_action = "desk.settings"
    change_actions = {"desk.settings": ("effective_from", "name", "policy")}
    fields = ["desk", "effective_from", "name", "policy", "created_at", "created_by"]
    add_fields = ("desk", "effective_from", "name", "policy")
    list_display = ["desk", "effective_from", "name"]
    list_filter = ["desk"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(desk_id__in=scope.desk_ids_for(action))

    def choices_for(self, field_name, queryset, scope):
        return queryset.filter(pk__in=scope.desk_ids_for("desk.settings"))

    def editable_fields(self, request, obj):
        if obj is not None and obj.effective_from <= timezone.localdate():
            return set()
        return super().editable_fields(request, obj)

    def save_through_service(self, request, obj, form, change):
        if change:
            values = self.changed_values(request, obj, form)
            saved = desk_policy_save(desk=obj.desk, desk_policy=obj, actor=request.user, **values)
        else:
            values = {name: form.cleaned_data[name] for name in ("effective_from", "name", "policy")}
            saved = desk_policy_save(desk=form.cleaned_data["desk"], actor=request.user, **values)
        obj.pk = saved.pk


@admin.register(Round)
class RoundAdmin(ScopedAdmin):
    """An overview; the round itself (with the families' data, read with an audit event) is on its own page."""

    view_action = "allocation.rounds"
    fields = [
        "date",
        "desk",
        "status",
        "mechanism",
        "policy_name",
        "lottery_commitment",
        "prepared_at",
        "run_at",
        "published_at",
        "page",
    ]
    list_display = ["date", "desk", "status", "policy_name"]
    list_filter = ["status"]

    def get_fields(self, request, obj=None):
        # The lottery seed is secret until the round has run (only its commitment is public before).
        revealed = obj is not None and obj.revealed_seed is not None
        return [*super().get_fields(request, obj), *(["lottery_seed"] if revealed else [])]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(desk_id__in=scope.desk_ids_for(action))

    def get_queryset(self, request):
        # The JSON columns stay in the database: large at city size, and the round's own page shows them.
        return super().get_queryset(request).defer(*ROUND_BLOBS)

    @admin.display(description=_("round page"))
    def page(self, obj) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("allocation:round_detail", args=[obj.pk]), _("Open the round")
        )
