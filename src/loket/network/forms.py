from django import forms
from django.utils.translation import gettext_lazy as _

from loket.areas.selectors import municipalities_of_desks

from .models import Need, Partner, PartnerKind
from .services import ENTRY_FIELDS


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("For example: taalcursus, schulden, Arabisch"),
    )
    need = forms.ChoiceField(label=_("Need"), required=False, choices=[("", _("All needs")), *Need.choices])


class PartnerEntryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=PartnerKind.choices)
    description = forms.CharField(
        label=_("What they offer"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs served"), choices=Need.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    contact_person = forms.CharField(
        label=_("Contact person or service"),
        max_length=200,
        required=False,
        help_text=_("A function or service (for example “onthaal”), rather than a person's name."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    languages = forms.CharField(
        label=_("Languages"),
        max_length=200,
        required=False,
        help_text=_("For example: Dutch, French, Arabic"),
    )
    opening_hours = forms.CharField(label=_("Opening hours"), max_length=300, required=False)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities served"),
        queryset=municipalities_of_desks(()),  # narrowed to the partner's desks in __init__
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    area_note = forms.CharField(
        label=_("Area served"),
        max_length=300,
        required=False,
        help_text=_("For example “the whole province”."),
    )
    listed = forms.BooleanField(label=_("Show in the directory"), required=False, initial=True)

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = (
            municipalities if municipalities is not None else municipalities_of_desks(())
        )

    @staticmethod
    def initial_for(partner: Partner) -> dict:
        initial = {name: getattr(partner, name) for name in ENTRY_FIELDS}
        initial["needs"] = partner.need_codes
        initial["municipalities"] = list(partner.municipalities.values_list("pk", flat=True))
        return initial
