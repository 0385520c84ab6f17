from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.accounts.selectors import desk_workers
from loket.demand import search
from loket.network.choices import Need
from loket.network.selectors import partners_of_desk

from .models import ContactKind, ReferralOutcome


class RequestChoiceMixin:
    """An optional "about which request" field, limited to the family's own requests."""

    def set_requests(self, requests):
        field = self.fields["request"]
        field.queryset = requests
        field.label_from_instance = lambda r: f"{r.child} · {r.get_status_display()}"


class NoteForm(RequestChoiceMixin, forms.Form):
    request = forms.ModelChoiceField(
        label=_("About request"), queryset=None, required=False, empty_label=_("The family as a whole")
    )
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "utrecht-textarea"}),
        help_text=_("Facts and agreements only; the family can read its file."),
    )


class ContactForm(RequestChoiceMixin, forms.Form):
    request = forms.ModelChoiceField(
        label=_("About request"), queryset=None, required=False, empty_label=_("The family as a whole")
    )
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    incoming = forms.BooleanField(label=_("The family contacted us"), required=False)
    reached = forms.BooleanField(label=_("We reached the family"), required=False, initial=True)
    interpreter_used = forms.BooleanField(label=_("An interpreter was used"), required=False)
    interpreter_language = forms.CharField(
        label=_("Language of the interpreter"), required=False, max_length=60
    )
    summary = forms.CharField(
        label=_("What was said or agreed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
    )


class TaskForm(RequestChoiceMixin, forms.Form):
    request = forms.ModelChoiceField(
        label=_("About request"), queryset=None, required=False, empty_label=_("The family as a whole")
    )
    title = forms.CharField(label=_("What must be done"), max_length=300)
    due_on = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)

    def set_owners(self, desk_id, *, preset=None):
        """The desk's staff; the signed-in worker is preset (most tasks are one's own follow-up)."""
        owners = desk_workers(desk_id=desk_id)
        self.fields["owner"].queryset = owners
        if preset is not None and owners.filter(pk=preset.pk).exists():
            self.fields["owner"].initial = preset.pk

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on


class UrgencyForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
        help_text=_("Colleagues and the family's file will show this reason."),
    )


class FactsForm(forms.Form):
    work = forms.BooleanField(label=_("Needs care for work, job search or training"), required=False)
    single_parent = forms.BooleanField(label=_("Single parent"), required=False)
    low_income = forms.BooleanField(label=_("Income below the threshold"), required=False)
    health_or_care = forms.BooleanField(label=_("Health or care situation"), required=False)
    no_diploma = forms.BooleanField(label=_("No secondary-school diploma"), required=False)
    foster = forms.BooleanField(label=_("Foster child"), required=False)
    proof_seen = forms.CharField(
        label=_("Where the proof was seen"),
        max_length=300,
        help_text=_(
            "For example: “income certificate shown at the desk on 12 May”. Never upload or copy the proof."
        ),
    )


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner organisation"), queryset=None)
    need = forms.ChoiceField(label=_("Need"), choices=Need.choices)
    message = forms.CharField(
        label=_("Message for the partner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
        help_text=_(
            "Only what the partner needs to know to help. The partner sees this text, not the family's file."
        ),
    )
    share_contact = forms.BooleanField(
        label=_("Share the parent's name, phone number and e-mail address with the partner"),
        required=False,
        initial=True,
    )
    accompanied = forms.BooleanField(
        label=_("Warm referral: a desk worker goes along to the first contact"), required=False
    )
    consent_given = forms.BooleanField(
        label=_("The family agrees to this referral and to sharing these details"),
        help_text=_("Without the family's consent, do not refer."),
    )
    consent_how = forms.CharField(
        label=_("How the family gave its consent"),
        max_length=200,
        help_text=_("For example: “by phone, to the mother, 3 March”."),
    )

    def set_partners(self, desk_id):
        self.fields["partner"].queryset = partners_of_desk(desk_id)


class ReferralCloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ReferralOutcome.choices)
    note = forms.CharField(
        label=_("Note for the desk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
        help_text=_("Short: what the desk needs to know for the follow-up."),
    )


class ReferralCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class MergeForm(forms.Form):
    confirm = forms.BooleanField(label=_("I checked that both requests are for the same child"))


class MeetingForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    title = forms.CharField(label=_("Subject"), max_length=200)
    participants = forms.CharField(
        label=_("Participants"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
        help_text=_("Organisations and functions present, one per line."),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "utrecht-textarea"}),
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Follow-up action"), max_length=300)
    owner = forms.CharField(
        label=_("Owner"), max_length=200, help_text=_("Who takes it up: an organisation or a function.")
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class CaseSearchForm(forms.Form):
    """The desk's search box: one field, read by `demand.search.parse`."""

    q = forms.CharField(
        label=_("Search a file"),
        max_length=search.MAX_QUERY_CHARS,
        required=False,
        help_text=_(
            "File number, name of a parent or child, phone number, e-mail address, date of birth or postcode."
        ),
        error_messages={
            "max_length": _("Type at most %(limit_value)d characters: a name, a number or a date is enough."),
            "null_characters_not_allowed": _(
                "The search contains a character that cannot be searched. Type it again."
            ),
        },
        widget=forms.TextInput(attrs={"type": "search", "class": "utrecht-textbox", "autocomplete": "off"}),
    )

    def clean_q(self):
        value = " ".join(self.cleaned_data["q"].split())
        self.parsed = search.parse(value)
        if value and self.parsed.empty:
            raise forms.ValidationError(
                _("Nothing to search for in that: type a name, a file number, a phone number or a date.")
            )
        return value
