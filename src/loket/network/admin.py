from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from loket.core.admin_site import ScopedAdmin

from .models import Partner
from .services import ENTRY_FIELDS


@admin.register(Partner)
class PartnerAdmin(ScopedAdmin):
    """Read-only here: directory entries are added and changed on the social map's own pages, through the network
    services (`/loket/sociale-kaart/`)."""

    view_action = "desk.view_settings"
    fields = [*ENTRY_FIELDS, "updated_at", "directory_entry"]
    list_display = ["name", "kind", "phone", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(
            Q(desks__in=scope.desk_ids_for(action)) | Q(pk__in=scope.partner_ids)
        ).distinct()

    @admin.display(description=_("on the social map"))
    def directory_entry(self, obj) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("casework:network:entry", args=[obj.pk]), _("Open the entry")
        )
