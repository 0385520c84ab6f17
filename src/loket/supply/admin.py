"""Organisers, locations and free places in the management screens, saved through `supply.services` like the portal.

Provider staff change the practical data of their own locations and declare, change and withdraw their free places;
the desk administrator changes what the licence decides (capacity, tariff regime, subsidy step, organiser) for the
locations of their area; only the installation's administrators add organisers and locations or correct an address.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from loket.accounts.choices import Role
from loket.core import weekdays as wd
from loket.core.admin_site import ReadOnlyInline, ScopedAdmin

from . import services
from .models import Location, Opening, Organiser, SupplySettings

OPENING_FIELDS = (
    "tariff",
    "start_month",
    "weekdays_mask",
    "age_min_months",
    "age_max_months",
    "count",
    "urgent_only",
)
SUPERUSER_LOCATION_FIELDS = (
    services.LOCATION_LICENCE_FIELDS + services.LOCATION_ADDRESS_FIELDS + services.LOCATION_PRACTICAL_FIELDS
)


def _locations_reached(scope, action: str, prefix: str = "") -> Q:
    """Locations a person reaches with a supply action: provider staff their organisers' (or single) locations, desk
    staff the locations of their desks' area; the regional support desk every location."""
    if action == "supply.view" and scope.has(Role.SUPPORT_AGENT):
        return Q()
    reached = Q(**{f"{prefix}municipality__desk_id__in": scope.desk_ids_for(action)})
    if action in ("supply.view", "supply.manage"):
        reached |= Q(**{f"{prefix}organiser_id__in": scope.organiser_ids})
        reached |= Q(**{f"{prefix}id__in" if prefix else "pk__in": scope.location_ids})
    return reached


class WeekdaysField(forms.TypedMultipleChoiceField):
    """The days of a week as checkboxes, stored as the bit mask of `core.weekdays`."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(coerce=int, choices=wd.WEEKDAY_CHOICES, **kwargs)

    def prepare_value(self, value):
        return list(wd.from_mask(value)) if isinstance(value, int) else value

    def clean(self, value):
        return wd.to_mask(super().clean(value))

    def has_changed(self, initial, data):
        try:
            return self.clean(data) != initial
        except ValidationError:
            return True


class WeekdaysForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "weekdays_mask" in self.fields:
            old = self.fields["weekdays_mask"]
            self.fields["weekdays_mask"] = WeekdaysField(label=old.label, required=old.required)


class OpeningInline(ReadOnlyInline):
    model = Opening
    fields = ["tariff", "start_month", "count", "confirmed_at", "withdrawn_at"]


@admin.register(Organiser)
class OrganiserAdmin(ScopedAdmin):
    view_action = "supply.view"
    add_action = "installation.manage"
    change_actions = {"installation.manage": services.ORGANISER_FIELDS}
    fields = list(services.ORGANISER_FIELDS)
    list_display = ["name", "legal_form", "email", "phone"]
    search_fields = ["name"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(
            Q(pk__in=Location.objects.filter(_locations_reached(scope, action)).values("organiser_id"))
            | Q(pk__in=scope.organiser_ids)
        )

    def save_through_service(self, request, obj, form, change):
        if change:
            services.organiser_change(
                organiser=obj, actor=request.user, **self.changed_values(request, obj, form)
            )
        else:
            values = {name: form.cleaned_data[name] for name in services.ORGANISER_FIELDS}
            obj.pk = services.organiser_create(actor=request.user, **values).pk


@admin.register(Location)
class LocationAdmin(ScopedAdmin):
    form = WeekdaysForm
    view_action = "supply.view"
    add_action = "installation.manage"
    change_actions = {
        "supply.manage": services.LOCATION_PRACTICAL_FIELDS,
        "supply.licence": services.LOCATION_LICENCE_FIELDS,
        "installation.manage": SUPERUSER_LOCATION_FIELDS,
    }
    fields = [*SUPERUSER_LOCATION_FIELDS, "enrolled_total", "enrolled_reserve_eligible"]
    add_fields = SUPERUSER_LOCATION_FIELDS
    list_display = [
        "name",
        "organiser",
        "municipality",
        "care_type",
        "tariff_regime",
        "licensed_capacity",
        "enrolled_total",
    ]
    list_filter = ["care_type", "tariff_regime", "municipality"]
    search_fields = ["name", "organiser__name"]
    inlines = [OpeningInline]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and "weekdays_mask" not in self.editable_fields(request, obj):
            fields = ["opening_days" if name == "weekdays_mask" else name for name in fields]
        return fields

    @admin.display(description=_("opening days"))
    def opening_days(self, obj) -> str:
        return obj.weekdays_label

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(_locations_reached(scope, action))

    def choices_for(self, field_name, queryset, scope):
        area = Location.objects.filter(_locations_reached(scope, "supply.licence"))
        if field_name == "organiser":  # a location moves only to an organiser already working in the area
            return queryset.filter(pk__in=area.values("organiser_id"))
        return queryset.none()

    def save_through_service(self, request, obj, form, change):
        if not change:
            values = {name: form.cleaned_data[name] for name in SUPERUSER_LOCATION_FIELDS}
            obj.pk = services.location_create(actor=request.user, **values).pk
            return
        values = self.changed_values(request, obj, form)
        practical = {k: v for k, v in values.items() if k in services.LOCATION_PRACTICAL_FIELDS}
        licence = {k: v for k, v in values.items() if k not in practical}
        if practical:
            services.location_update(location=obj, actor=request.user, **practical)
        if licence:
            services.location_licence_change(location=obj, actor=request.user, **licence)


@admin.register(Opening)
class OpeningAdmin(ScopedAdmin):
    """Free places: provider staff declare, change and withdraw them here as in the portal (`supply.services`),
    with the same refusals (a withdrawn opening, one a round uses, a start month in the past)."""

    form = WeekdaysForm
    view_action = "supply.view"
    add_action = "supply.manage"
    change_actions = {"supply.manage": OPENING_FIELDS}
    fields = ["location", *OPENING_FIELDS, "confirmed_at", "withdrawn_at", "created_at"]
    add_fields = ("location", *OPENING_FIELDS)
    list_display = ["location", "tariff", "start_month", "count", "confirmed_at", "withdrawn_at"]
    list_filter = ["tariff", ("withdrawn_at", admin.EmptyFieldListFilter)]
    actions = ["withdraw"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(_locations_reached(scope, action, prefix="location__"))

    def choices_for(self, field_name, queryset, scope):
        if field_name == "location":
            return queryset.filter(_locations_reached(scope, "supply.manage"))
        return queryset.none()

    def save_through_service(self, request, obj, form, change):
        values = {
            ("weekdays" if name == "weekdays_mask" else name): form.cleaned_data[name]
            for name in (self.changed_values(request, obj, form) if change else OPENING_FIELDS)
        }
        if "weekdays" in values:
            values["weekdays"] = wd.from_mask(values["weekdays"])
        if change:
            services.opening_change(opening=obj, actor=request.user, **values)
        else:
            obj.pk = services.opening_declare(
                location=form.cleaned_data["location"], actor=request.user, **values
            ).pk

    def has_withdraw_permission(self, request) -> bool:
        return self._may(request, "supply.manage")

    @admin.action(description=_("Withdraw the selected free places"), permissions=["withdraw"])
    def withdraw(self, request, queryset):
        withdrawn = 0
        for opening in queryset.filter(pk__in=self._rows(request, "supply.manage").values("pk")):
            try:
                services.opening_withdraw(opening=opening, actor=request.user, reason="management screens")
            except ValidationError as refused:
                self.message_user(request, f"{opening}: {' '.join(refused.messages)}", messages.WARNING)
            else:
                withdrawn += 1
        self.message_user(
            request,
            ngettext("%(count)d free place withdrawn.", "%(count)d free places withdrawn.", withdrawn)
            % {"count": withdrawn},
        )


@admin.register(SupplySettings)
class SupplySettingsAdmin(ScopedAdmin):
    """Whether the desk's providers answer requests themselves (the time to answer is then tracked)."""

    view_action = "desk.view_settings"
    add_action = "desk.settings"
    change_actions = {"desk.settings": ("providers_answer_requests",)}
    fields = ["desk", "providers_answer_requests"]
    list_display = ["desk", "providers_answer_requests"]

    def scope_queryset(self, queryset, scope, action):
        return queryset.filter(desk_id__in=scope.desk_ids_for(action))

    def choices_for(self, field_name, queryset, scope):
        return queryset.filter(pk__in=scope.desk_ids_for("desk.settings"))

    def save_through_service(self, request, obj, form, change):
        settings = services.supply_settings_change(
            desk=obj.desk if change else form.cleaned_data["desk"],
            actor=request.user,
            providers_answer_requests=form.cleaned_data["providers_answer_requests"],
        )
        obj.pk = settings.pk
