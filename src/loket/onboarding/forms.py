"""Forms of the desk onboarding pages. They collect and parse; the services validate and write."""

from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from loket.areas.choices import Province

# The desk's public details, set when it is created and on its details page.
DETAIL_FIELDS = ("name", "email", "phone", "address", "controller", "dpo_name", "dpo_email")


class MunicipalityChoices(forms.MultipleChoiceField):
    """Checkboxes grouped by province: (province label, [(nis code, name)]) for the template."""

    widget = forms.CheckboxSelectMultiple

    def set_municipalities(self, references) -> None:
        self.choices = [(r.nis_code, r.name_nl) for r in references]
        groups: dict[str, list] = {}
        for r in references:
            groups.setdefault(r.province, []).append(r)
        labels = dict(Province.choices)
        self.groups = [(labels.get(code, code), rows) for code, rows in groups.items()]


class DeskDetailsForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the desk"),
        max_length=200,
        help_text=_("As families will see it, e.g. “Lokaal Loket Kinderopvang Wetteren-Laarne”."),
    )
    email = forms.EmailField(label=_("Desk e-mail address"), required=False)
    phone = forms.CharField(label=_("Desk phone number"), max_length=40, required=False)
    address = forms.CharField(label=_("Visiting address"), max_length=300, required=False)
    controller = forms.CharField(
        label=_("Controller"),
        max_length=300,
        required=False,
        help_text=_(
            "Who decides on the families' data (privacy statement). Leave empty: the municipalities."
        ),
    )
    dpo_name = forms.CharField(label=_("Data protection officer"), max_length=200, required=False)
    dpo_email = forms.EmailField(label=_("Data protection officer's e-mail address"), required=False)


class DeskCreateForm(DeskDetailsForm):
    municipalities = MunicipalityChoices(
        label=_("Municipalities"),
        help_text=_("One municipality, or the municipalities of a care region that share one desk."),
        error_messages={"required": _("Choose at least one municipality.")},
    )
    policy_from = forms.DateField(
        label=_("Priority rules in force from"),
        initial=date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "The desk starts on the Flemish priority rules, as its own first version from this date."
        ),
    )
    neighbourhoods_from_postcodes = forms.BooleanField(
        label=_("Make one neighbourhood per postcode (you can import your own list later)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, references=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].set_municipalities(list(references))
        self.order_fields(["name", "municipalities"])


class DeskTextsForm(forms.Form):
    """The desk's texts in every language, one fieldset per language."""

    def __init__(self, *args, initial_texts=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_texts = initial_texts or {}
        self.languages = []
        for code, name in settings.LANGUAGES:
            row = initial_texts.get(code)
            fields = []
            for field, label in (
                ("introduction", _("Introduction")),
                ("opening_hours", _("Opening hours")),
                ("contact", _("How to reach us")),
            ):
                key = f"{field}_{code}"
                self.fields[key] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=1500 if field == "introduction" else 600,
                    initial=getattr(row, field, ""),
                    widget=forms.Textarea(attrs={"rows": 3, "lang": code, "dir": "auto"}),
                )
                fields.append(key)
            self.languages.append((code, name, [self[key] for key in fields]))

    def texts(self, code: str) -> dict[str, str]:
        return {f: self.cleaned_data[f"{f}_{code}"] for f in ("introduction", "opening_hours", "contact")}


class ColourInput(forms.TextInput):
    input_type = "color"


class DeskIdentityForm(forms.Form):
    # No max_length or required: neither is valid HTML on a colour input (the browser always sends a colour).
    colour = forms.CharField(
        label=_("Colour"),
        required=False,
        widget=ColourInput,
        help_text=_(
            "Used for the header and links. A colour too light for white text is darkened until it is readable."
        ),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "A PNG, JPEG, GIF or WebP image of at most 2 MB; it is shown at most 240 px wide in the header."
        ),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)


class CsvFileForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}))


class ConfirmImportForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, max_length=5 * 1024 * 1024, strip=False)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)
