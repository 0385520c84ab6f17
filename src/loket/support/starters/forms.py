from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from loket.supply.selectors import location_vocabulary, postcode_place

from ..models import CarePlan, LegalPlan, Starter, TariffPlan


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("We send you a link to confirm it and to sign in.")
    )
    municipality_name = forms.CharField(
        label=_("Municipality where you plan to start"), max_length=100, required=False
    )
    care_plan = forms.ChoiceField(
        label=_("Kind of childcare"),
        choices=[("", _("Not decided yet")), *CarePlan.choices],
        required=False,
    )


class PlanForm(forms.ModelForm):
    tariff_plan = forms.ChoiceField(
        label=_("Tariff"),
        choices=TariffPlan.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "With the income-related tariff (IKT) parents pay by their income and you follow the priority rules; "
            "with the IKT-mix one location offers both kinds of places."
        ),
    )

    class Meta:
        model = Starter
        fields = [
            "care_plan",
            "municipality_name",
            "planned_places",
            "planned_opening",
            "tariff_plan",
            "income_places",
        ]
        widgets = {"planned_opening": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self):
        data = super().clean()
        places = data.get("planned_places")
        if data.get("care_plan") == CarePlan.FAMILY and places and places > 8:
            self.add_error("planned_places", _("A childminder may care for at most 8 children at once."))
        if data.get("tariff_plan") == TariffPlan.MIX and not places:
            self.add_error("planned_places", _("Give the planned number of places to plan the IKT-mix."))
        return data


class OpeningForm(forms.ModelForm):
    class Meta:
        model = Starter
        fields = [
            "organiser_name",
            "legal_plan",
            "location_name",
            "street",
            "postcode",
            "licensed_capacity",
            "licence_reference",
            "opens_on",
        ]
        widgets = {"opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = name not in ("licence_reference",)
        self.fields["legal_plan"].choices = LegalPlan.choices

    def clean_postcode(self):
        code = self.cleaned_data["postcode"].strip()
        if postcode_place(code) is None:
            raise ValidationError(_("This postcode is not known. Give the Belgian postcode of 4 digits."))
        return code


class MakeProviderForm(forms.Form):
    care_type = forms.ChoiceField(label=_("Type of care"))
    tariff_regime = forms.ChoiceField(label=_("Tariff regime"))
    subsidy_step = forms.ChoiceField(label=_("Subsidy step"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocabulary = location_vocabulary()
        for name in ("care_type", "tariff_regime", "subsidy_step"):
            self.fields[name].choices = vocabulary[name]
