"""The dashboard's filters, limited to what the person may see."""

from datetime import date

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from loket.areas.selectors import desks_in_reach, municipalities_of_desks, neighbourhoods_of_desks
from loket.core.months import add_months

from .filters import AGE_BANDS, EARLIEST, GROUPS, LATEST, TARIFFS, ReportFilter


class BoundedDateField(forms.DateField):
    """A report date from EARLIEST to LATEST: a date outside is refused with a plain message before any figure is
    computed (year 1 or 9999 would overflow the month arithmetic and the database)."""

    widget = forms.DateInput(
        format="%Y-%m-%d", attrs={"type": "date", "min": EARLIEST.isoformat(), "max": LATEST.isoformat()}
    )

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                _("Choose a date from %(earliest)s to %(latest)s.")
                % {
                    "earliest": formats.date_format(EARLIEST, "DATE_FORMAT"),
                    "latest": formats.date_format(LATEST, "DATE_FORMAT"),
                },
                code="out_of_range",
            )


class ReportFilterForm(forms.Form):
    desk = forms.ModelChoiceField(queryset=None, required=False, label=_("Desk"), empty_label=_("All"))
    date_from = BoundedDateField(label=_("Registered from"), required=False)
    date_to = BoundedDateField(label=_("Registered until"), required=False)
    municipality = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Municipality"), empty_label=_("All")
    )
    neighbourhood = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Neighbourhood"), empty_label=_("All")
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
        self.desk_ids = desk_ids
        self.fields["desk"].queryset = desks_in_reach(desk_ids)
        self.fields["municipality"].queryset = municipalities_of_desks(desk_ids)
        self.fields["neighbourhood"].queryset = neighbourhoods_of_desks(desk_ids)
        self.fields["neighbourhood"].label_from_instance = lambda n: f"{n.name} ({n.municipality.name})"

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
            date_from=data.get("date_from") or add_months(today, -11),
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
