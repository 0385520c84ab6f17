"""Forms of the providers' portal. They only collect and parse; the services validate and write."""

from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from loket.core import weekdays as wd
from loket.core.forms import attach_errors  # noqa: F401 - the portal's views take it from here
from loket.core.months import add_months

from .models import Answer, Location, Tariff

WEEKDAY_WIDGET = forms.CheckboxSelectMultiple(attrs={"class": "loket-checkboxes"})


def _weekday_choices(mask: int | None = None):
    days = wd.from_mask(mask) if mask else wd.WEEKDAY_NAMES.keys()
    return [(str(day), wd.WEEKDAY_NAMES[day]) for day in days]


class LocationForm(forms.Form):
    opens_at = forms.TimeField(label=_("Opens at"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(label=_("Closes at"), widget=forms.TimeInput(attrs={"type": "time"}))
    weekdays = forms.MultipleChoiceField(label=_("Opening days"), widget=WEEKDAY_WIDGET)
    age_min_months = forms.IntegerField(label=_("Youngest age (months)"), min_value=0, max_value=72)
    age_max_months = forms.IntegerField(label=_("Oldest age (months)"), min_value=0, max_value=72)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    languages = forms.CharField(label=_("Languages spoken"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description for families"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What families should know: the group, the garden, meals. No personal data."),
    )

    def __init__(self, *args, location: Location, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "opens_at": location.opens_at,
                "closes_at": location.closes_at,
                "weekdays": [str(d) for d in location.weekdays],
                "age_min_months": location.age_min_months,
                "age_max_months": location.age_max_months,
                "phone": location.phone,
                "email": location.email,
                "languages": location.languages,
                "description": location.description,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["weekdays"].choices = _weekday_choices()

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data["weekdays"] = [int(d) for d in data["weekdays"]]
        return data


class EnrolledForm(forms.Form):
    total = forms.IntegerField(
        label=_("Children enrolled now"),
        min_value=0,
        help_text=_("Every child with a contract at this location today, all tariffs together."),
    )
    reserve_eligible = forms.IntegerField(
        label=_("Of whom from vulnerable families"),
        min_value=0,
        help_text=_(
            "Children whose family meets the definition of a vulnerable family. They count for the share of "
            "places kept for vulnerable families."
        ),
    )


class OpeningForm(forms.Form):
    tariff = forms.ChoiceField(label=_("Tariff"), widget=forms.RadioSelect)
    start_month = forms.ChoiceField(label=_("Start month"), help_text=_("The month the place becomes free."))
    weekdays = forms.MultipleChoiceField(
        label=_("Days"), widget=WEEKDAY_WIDGET, help_text=_("The days of the week the place is for.")
    )
    age_min_months = forms.IntegerField(
        label=_("Youngest age at the start (months)"), min_value=0, max_value=72
    )
    age_max_months = forms.IntegerField(
        label=_("Oldest age at the start (months)"), min_value=0, max_value=72
    )
    count = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=100)
    urgent_only = forms.BooleanField(
        label=_("Keep these places for urgent care"),
        required=False,
        help_text=_(
            "The desk assigns them directly to a family with an urgent need; allocation rounds leave them out."
        ),
    )

    def __init__(self, *args, location: Location, today: date, opening=None, **kwargs):
        if opening is not None:
            initial = {
                "tariff": opening.tariff,
                "start_month": opening.start_month.isoformat(),
                "weekdays": [str(d) for d in opening.weekdays],
                "age_min_months": opening.age_min_months,
                "age_max_months": opening.age_max_months,
                "count": opening.count,
                "urgent_only": opening.urgent_only,
            }
        else:
            initial = {
                "tariff": location.tariffs[0],
                "start_month": add_months(date(today.year, today.month, 1), 1).isoformat(),
                "weekdays": [str(d) for d in location.weekdays],
                "age_min_months": location.age_min_months,
                "age_max_months": location.age_max_months,
                "count": 1,
            }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["tariff"].choices = [(t, Tariff(t).label) for t in location.tariffs]
        first = date(today.year, today.month, 1)
        months = [add_months(first, i) for i in range(0, 19)]
        if opening is not None and opening.start_month not in months:
            months.insert(0, opening.start_month)
        self.fields["start_month"].choices = [
            (m.isoformat(), formats.date_format(m, "YEAR_MONTH_FORMAT")) for m in months
        ]
        self.fields["weekdays"].choices = _weekday_choices(location.weekdays_mask)

    def clean(self):
        data = super().clean()
        low, high = data.get("age_min_months"), data.get("age_max_months")
        if low is not None and high is not None and low > high:
            self.add_error("age_max_months", _("The oldest age must be at least the youngest age."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "tariff": data["tariff"],
            "start_month": date.fromisoformat(data["start_month"]),
            "weekdays": [int(d) for d in data["weekdays"]],
            "age_min_months": data["age_min_months"],
            "age_max_months": data["age_max_months"],
            "count": data["count"],
            "urgent_only": bool(data.get("urgent_only")),
        }


class WithdrawForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you withdraw these places?"),
        widget=forms.RadioSelect,
        choices=[
            ("filled", _("The place was filled another way")),
            ("mistake", _("It was entered by mistake")),
            ("capacity", _("We have fewer places than we thought")),
            ("other", _("Another reason")),
        ],
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=Answer.choices, widget=forms.RadioSelect)
