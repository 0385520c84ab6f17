"""The dashboard's filters, limited to what the person may see."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.areas.models import Desk, Municipality, Neighbourhood

from .selectors import AGE_BANDS, GROUPS, TARIFFS, ReportFilter


class ReportFilterForm(forms.Form):
    desk = forms.ModelChoiceField(
        queryset=Desk.objects.none(), required=False, label=_("Desk"), empty_label=_("All")
    )
    date_from = forms.DateField(
        label=_("Registered from"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Registered until"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), required=False, label=_("Municipality"), empty_label=_("All")
    )
    neighbourhood = forms.ModelChoiceField(
        queryset=Neighbourhood.objects.none(), required=False, label=_("Neighbourhood"), empty_label=_("All")
    )
    age_band = forms.ChoiceField(
        label=_("Age of the child at the desired start"),
        required=False,
        choices=[("", _("All"))] + [(k, v[0]) for k, v in AGE_BANDS.items()],
    )
    tariff = forms.ChoiceField(label=_("Tariff"), required=False, choices=[("", _("All")), *TARIFFS.items()])
    group = forms.ChoiceField(
        label=_("Priority group"), required=False, choices=[("", _("All")), *GROUPS.items()]
    )

    def __init__(self, *args, desk_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        desks = Desk.objects.all() if desk_ids is None else Desk.objects.filter(pk__in=desk_ids)
        self.desk_ids = desk_ids
        self.fields["desk"].queryset = desks
        self.fields["municipality"].queryset = Municipality.objects.filter(desk__in=desks)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(
            municipality__desk__in=desks
        ).select_related("municipality")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        return data

    def to_filter(self) -> ReportFilter:
        """The filter to report with; without valid input, the last twelve months of every desk in scope."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        today = timezone.localdate()
        desk = data.get("desk")
        desk_ids = (desk.pk,) if desk else (tuple(self.desk_ids) if self.desk_ids is not None else None)
        return ReportFilter(
            desk_ids=desk_ids,
            date_from=data.get("date_from") or (today.replace(day=1) - timedelta(days=335)).replace(day=1),
            date_to=data.get("date_to") or today,
            municipality_id=data["municipality"].pk if data.get("municipality") else None,
            neighbourhood_id=data["neighbourhood"].pk if data.get("neighbourhood") else None,
            age_band=data.get("age_band", ""),
            tariff=data.get("tariff", ""),
            group=data.get("group", ""),
            today=today,
        )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2012, max_value=2100)

    @staticmethod
    def default_year() -> int:
        return date.today().year - 1
