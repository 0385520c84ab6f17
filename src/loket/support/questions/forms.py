from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from loket.accounts.selectors import people_with_role, support_agents
from loket.network.selectors import partners_of_kinds
from loket.supply.selectors import organisers_named

from ..models import CannedAnswer, Channel, Outcome, RoutingRule, Theme, Visibility
from . import attachments as files
from .services import canned_placeholders_check

MAX_QUESTION_CHARS = 10_000
SUPPORT_PARTNER_KINDS = ("provider_support", "inclusion")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five files, each checked by content and size (the services check again before storing)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault(
            "help_text",
            _("Optional. %(allowed)s; at most 5 files.") % {"allowed": files.ALLOWED_HINT},
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [u for u in (data if isinstance(data, list | tuple) else [data]) if u]
        if len(uploads) > 5:
            raise ValidationError(_("Send at most 5 files at once."))
        errors = []
        for upload in uploads:
            try:
                files.check(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads


class AskForm(forms.Form):
    subject = forms.CharField(label=_("Your question in a few words"), max_length=200)
    body = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION_CHARS,
        help_text=_("While you type, articles that may answer your question appear below."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices, initial=Theme.GENERAL)
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send our answer and a link to follow your question here."),
    )
    is_starter = forms.BooleanField(label=_("I am starting a childcare location"), required=False)
    attachments = AttachmentsField()

    ASKED = ("subject", "body", "theme", "name", "email", "is_starter", "attachments")

    def asked(self) -> dict:
        """The question as asked, in the keywords of `services.question_ask`; the caller adds who asks and how."""
        return {name: self.cleaned_data[name] for name in self.ASKED}


class LogQuestionForm(AskForm):
    channel = forms.ChoiceField(
        label=_("How was the question asked?"),
        choices=[(Channel.PHONE, Channel.PHONE.label), (Channel.REGIONAL, Channel.REGIONAL.label)],
    )
    organiser = forms.CharField(
        label=_("Organiser"),
        required=False,
        max_length=200,
        help_text=_("The organiser's name or enterprise number, if the asker runs childcare."),
    )

    def clean_organiser(self):
        text = self.cleaned_data["organiser"].strip()
        if not text:
            return None
        found = organisers_named(text)
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(_("No organiser is called “%(text)s”."), params={"text": text})
        raise ValidationError(
            _("Several organisers match: %(names)s. Type the whole name."),
            params={"names": ", ".join(o.name for o in found)},
        )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=MAX_QUESTION_CHARS, widget=forms.Textarea(attrs={"rows": 8})
    )
    visibility = forms.ChoiceField(
        label=_("Who reads it"),
        choices=[
            (Visibility.PUBLIC, _("The asker (an answer)")),
            (Visibility.INTERNAL, _("Only the support desk (internal note)")),
        ],
        initial=Visibility.PUBLIC,
        required=False,
        widget=forms.RadioSelect,
    )
    wait_for_asker = forms.BooleanField(
        label=_("Ask the asker for more information (the clock stops until they reply)"), required=False
    )
    attachments = AttachmentsField()
    seen_at = forms.CharField(widget=forms.HiddenInput, required=False)
    send_anyway = forms.BooleanField(
        label=_("I have read the new messages: send mine anyway"), required=False
    )

    def __init__(self, *args, partner: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if partner:
            self.fields["visibility"].choices = [
                (Visibility.PUBLIC, _("The asker (an answer)")),
                (Visibility.PARTNER, _("Only the support desk and my organisation (note)")),
            ]

    def clean_visibility(self):
        return self.cleaned_data.get("visibility") or Visibility.PUBLIC

    def clean_seen_at(self):
        return parse_datetime(self.cleaned_data.get("seen_at") or "")


class AskerReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=MAX_QUESTION_CHARS, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = AttachmentsField()


class ReferForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=None)
    adviser = forms.ModelChoiceField(
        label=_("Adviser"),
        queryset=None,
        required=False,
        empty_label=_("Every adviser of the partner"),
        help_text=_("Who is mailed personally."),
    )
    note = forms.CharField(
        label=_("Note for the partner"),
        help_text=_("Only the partner and the support desk read this; the asker never sees it."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        routed = RoutingRule.objects.values_list("partner_id", flat=True)
        self.fields["partner"].queryset = partners_of_kinds(SUPPORT_PARTNER_KINDS, also_ids=routed)
        advisers = people_with_role("partner_adviser").filter(
            roles__partner__in=self.fields["partner"].queryset
        )
        self.fields["adviser"].queryset = advisers

    def clean(self):
        data = super().clean()
        adviser, partner = data.get("adviser"), data.get("partner")
        if adviser and partner and not adviser.roles.filter(role="partner_adviser", partner=partner).exists():
            self.add_error("adviser", _("This adviser does not work for the chosen partner."))
        return data


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = support_agents()


class TagsForm(forms.Form):
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=300, help_text=_("Separate with commas.")
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=None)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates
        self.fields["into"].label_from_instance = lambda q: f"{q.reference} · {q.subject}"


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[c for c in Outcome.choices if c[0] != Outcome.MERGED]
    )


class CoachingForm(forms.Form):
    on = forms.DateField(
        label=_("Coaching on"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Message to the asker"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CannedAnswerForm(forms.ModelForm):
    class Meta:
        model = CannedAnswer
        fields = ["title", "theme", "body", "retired"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def clean_body(self):
        body = self.cleaned_data["body"]
        canned_placeholders_check(body)
        return body


class ClosingDayForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)


class SignalForm(forms.Form):
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=None)
    reason = forms.CharField(
        label=_("Why does this provider need support?"),
        help_text=_("For example: many requests left unanswered. Do not name families."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
