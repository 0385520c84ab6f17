from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.core import weekdays

from .selectors import (
    FinderFilters,
    municipalities_with_locations,
    neighbourhoods_with_locations,
    postcode_resolve,
)
from .tariffs import TariffYear

DISTANCE_CHOICES = [
    ("", _("Any distance")),
    ("2", _("2 km")),
    ("5", _("5 km")),
    ("10", _("10 km")),
    ("20", _("20 km")),
]
TARIFF_CHOICES = [("income", _("Income-related tariff")), ("free", _("Free price"))]


def _described(field_name: str) -> dict:
    return {"aria-describedby": f"id_{field_name}-hint"}


class DescribedErrorsMixin:
    """Point each invalid control at its error message (the id `core/_field.html` gives it) and mark it invalid."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            described = [attrs.get("aria-describedby", ""), f"id_{name}-error"]
            attrs["aria-describedby"] = " ".join(part for part in described if part)
            attrs["aria-invalid"] = "true"


class FinderForm(DescribedErrorsMixin, forms.Form):
    """The finder's filters; all optional, sent with GET so a result page can be bookmarked and shared."""

    place = forms.CharField(
        label=_("Your postcode or address"),
        required=False,
        max_length=200,
        help_text=_("For example 9800 or Kerkstraat 4, Astene. We only use it to measure distances."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", **_described("place")}),
    )
    max_km = forms.TypedChoiceField(
        label=_("Distance"), choices=DISTANCE_CHOICES, required=False, coerce=int, empty_value=None
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, required=False, empty_label=_("All municipalities")
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=None, required=False, empty_label=_("All neighbourhoods")
    )
    age_months = forms.IntegerField(
        label=_("Age of your child when care starts, in months"),
        required=False,
        min_value=0,
        max_value=72,
        help_text=_("A baby of 4 months: enter 4. Leave empty to see every location."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", **_described("age_months")}),
    )
    tariffs = forms.MultipleChoiceField(
        label=_("Price"), choices=TARIFF_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    days = forms.TypedMultipleChoiceField(
        label=_("Days you need childcare"),
        choices=weekdays.WEEKDAY_CHOICES[:5],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    free_soon = forms.BooleanField(
        label=_("Only locations with free places in the next 3 months"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities_with_locations()
        self.fields["neighbourhood"].queryset = neighbourhoods_with_locations()
        self.origin = None

    def clean_place(self):
        text = self.cleaned_data["place"].strip()
        if text:
            self.origin = postcode_resolve(text=text)
            if self.origin is None:
                raise forms.ValidationError(
                    _(
                        "We do not know this postcode or place. Enter a postcode of the area, for example 9800."
                    ),
                    code="unknown_place",
                )
        return text

    def filters(self) -> FinderFilters:
        data = self.cleaned_data
        return FinderFilters(
            municipality_id=data["municipality"].pk if data.get("municipality") else None,
            neighbourhood_id=data["neighbourhood"].pk if data.get("neighbourhood") else None,
            age_months=data.get("age_months"),
            tariffs=frozenset(data.get("tariffs") or ()),
            weekdays_mask=weekdays.to_mask(data.get("days") or ()),
            free_soon=bool(data.get("free_soon")),
            origin=self.origin,
            max_km=data.get("max_km") if self.origin else None,
        )


def day_length_choices(year: TariffYear) -> list[tuple[str, str]]:
    choices = []
    previous = None
    for index, (limit, _share) in enumerate(year.day_fractions):
        if previous is None:
            label = _("Less than %(hours)s hours") % {"hours": limit}
        elif limit is None:
            label = _("More than %(hours)s hours") % {"hours": previous}
        else:
            label = _("%(low)s to %(high)s hours") % {"low": previous, "high": limit}
        choices.append((str(index), label))
        previous = limit
    return choices


class CalculatorForm(DescribedErrorsMixin, forms.Form):
    """What the calculator needs. Sent with POST so the income never lands in an address or a log; not stored."""

    certificate = forms.TypedChoiceField(
        label=_("Do you know your joint taxable income?"),
        choices=[("yes", _("Yes, I will enter it")), ("no", _("No, or I will not ask for a certificate"))],
        initial="yes",
        widget=forms.RadioSelect,
    )
    income = forms.DecimalField(
        label=_("Joint taxable professional income, per year, in euro"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(10_000_000),
        decimal_places=2,
        help_text=_(
            "Your income plus that of the partner you live with, as on your tax assessment. For example 42000."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", **_described("income")}),
    )
    dependent_children = forms.IntegerField(
        label=_("How many children do you have in your charge, this child included?"),
        min_value=1,
        max_value=15,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    multiple_birth = forms.BooleanField(label=_("We have twins or triplets"), required=False)
    day_length = forms.TypedChoiceField(
        label=_("How long is a day of care?"), coerce=int, choices=(), widget=forms.RadioSelect
    )
    days_per_week = forms.TypedChoiceField(
        label=_("How many days a week?"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)], initial=5
    )
    special_situation = forms.BooleanField(
        label=_(
            "We live on a minimum income (leefloon), our income fell by 20 percent or more for 3 months, "
            "the child is a foster child, or social services advise a lower price"
        ),
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Compare with free-price locations in"),
        queryset=None,
        required=False,
        empty_label=_("the whole area"),
    )

    def __init__(self, *args, year: TariffYear, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import normal_day_index

        self.fields["day_length"].choices = day_length_choices(year)
        self.fields["day_length"].initial = str(normal_day_index(year))
        self.fields["municipality"].queryset = municipalities_with_locations()
        self.year = year

    def clean(self):
        data = super().clean()
        if data.get("certificate") == "yes" and data.get("income") is None and "income" not in self.errors:
            self.add_error("income", _("Enter your joint taxable income, or choose that you do not know it."))
        return data

    def estimate_arguments(self, *, on: date) -> dict:
        data = self.cleaned_data
        return {
            "income": data["income"] if data["certificate"] == "yes" else None,
            "dependent_children": data["dependent_children"],
            "multiple_birth": data["multiple_birth"],
            "day_length": data["day_length"],
            "days_per_week": data["days_per_week"],
            "special_situation": data["special_situation"],
            "on": on,
        }
