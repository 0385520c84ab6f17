from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.areas.models import Desk
from loket.demand.models import ChildcareRequest
from loket.supply.models import Opening


class PrepareRoundForm(forms.Form):
    desk = forms.ModelChoiceField(queryset=Desk.objects.none(), label=_("Desk"))
    date = forms.DateField(
        label=_("Round date"),
        help_text=_("Places and requests are taken as they are on this date."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "utrecht-textbox"}),
    )
    partner_desks = forms.ModelMultipleChoiceField(
        queryset=Desk.objects.none(),
        required=False,
        label=_("Joint round with the desks of the care region"),
        help_text=_("Only desks you work for are listed. The rules of the first desk apply."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks
        self.fields["desk"].widget.attrs["class"] = "utrecht-select"
        self.fields["partner_desks"].queryset = desks
        self.fields["date"].initial = timezone.localdate()
        if desks.count() < 2:
            del self.fields["partner_desks"]


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
    request = forms.ModelChoiceField(queryset=ChildcareRequest.objects.none(), label=_("Urgent request"))
    opening = forms.ModelChoiceField(queryset=Opening.objects.none(), label=_("Urgent-care place"))
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
