from datetime import timedelta

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .policy import policy_for_desk

# How far ahead a round's date may be: rounds are prepared for now or the coming months (a typo like 9999 would only
# fail later). Earlier dates are bounded by the priority rules in force (none before April 2014).
ROUND_DATE_REACH = timedelta(days=366)


class PrepareRoundForm(forms.Form):
    desk = forms.ModelChoiceField(queryset=None, label=_("Desk"))
    date = forms.DateField(
        label=_("Round date"),
        help_text=_("Places and requests are taken as they are on this date."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "utrecht-textbox"}),
    )
    partner_desks = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Joint round with the desks of the care region"),
        help_text=_("Only desks you work for are listed. The rules of the first desk apply."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, desks, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.latest = today + ROUND_DATE_REACH
        choices = list(desks[:2])
        self.fields["desk"].queryset = desks
        self.fields["desk"].widget.attrs["class"] = "utrecht-select"
        if len(choices) == 1:  # one desk: no empty choice to pick first
            self.fields["desk"].empty_label = None
            self.fields["desk"].initial = choices[0].pk
        self.fields["partner_desks"].queryset = desks
        self.fields["date"].initial = today
        self.fields["date"].widget.attrs["max"] = self.latest.isoformat()
        if len(choices) < 2:
            del self.fields["partner_desks"]

    def clean_date(self):
        on = self.cleaned_data["date"]
        if on > self.latest:
            raise forms.ValidationError(
                _("Choose a round date no later than %(latest)s."),
                params={"latest": formats.date_format(self.latest, "SHORT_DATE_FORMAT")},
            )
        return on

    def clean(self):
        data = super().clean()
        desk, on = data.get("desk"), data.get("date")
        if desk is not None and on is not None:
            try:
                policy_for_desk(desk, on)
            except LookupError:
                self.add_error(
                    "date",
                    _("No priority rules are in force on this date for this desk. Choose a later date."),
                )
        return data


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can you not take this child?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
    )


class PlacementForm(forms.Form):
    contract_start = forms.DateField(
        label=_("Contract start"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "utrecht-textbox"}),
    )


class ReviewForm(forms.Form):
    message = forms.CharField(
        label=_("What should a person look at? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
    )


class ReviewAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer to the family"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "utrecht-textarea"}),
    )


class UrgentAssignForm(forms.Form):
    request = forms.ModelChoiceField(queryset=None, label=_("Urgent request"))
    opening = forms.ModelChoiceField(queryset=None, label=_("Urgent-care place"))
    reason = forms.CharField(
        label=_("Reason for the direct assignment"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
    )

    def __init__(self, *args, requests, openings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = requests
        self.fields["request"].label_from_instance = lambda r: (
            f"{r.child.family.reference} · {r.start_earliest:%m/%Y}"
        )
        self.fields["request"].widget.attrs["class"] = "utrecht-select"
        self.fields["opening"].queryset = openings
        self.fields["opening"].label_from_instance = lambda o: (
            f"{o.location.name} · {o.start_month:%m/%Y} · {o.get_tariff_display()}"
        )
        self.fields["opening"].widget.attrs["class"] = "utrecht-select"
