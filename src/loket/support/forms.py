from django import forms
from django.utils.translation import gettext_lazy as _

from loket.network.models import Partner

from .models import Article, Channel, Event, Outcome, Theme


class AskForm(forms.Form):
    subject = forms.CharField(label=_("Your question in a few words"), max_length=200)
    body = forms.CharField(
        label=_("Your question"),
        help_text=_("While you type, articles that may answer your question appear below."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices, initial=Theme.GENERAL)
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send our answer and a link to follow your question here."),
    )
    is_starter = forms.BooleanField(
        label=_("I am starting a childcare location (show me the starters' checklist)"), required=False
    )


class LogQuestionForm(AskForm):
    channel = forms.ChoiceField(
        label=_("How was the question asked?"),
        choices=[(Channel.PHONE, Channel.PHONE.label), (Channel.REGIONAL, Channel.REGIONAL.label)],
    )
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        from loket.supply.models import Organiser

        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Organiser.objects.order_by("name")


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}))
    internal = forms.BooleanField(label=_("Internal note (the asker does not see it)"), required=False)
    wait_for_asker = forms.BooleanField(
        label=_("Ask the asker for more information (the clock stops until they reply)"), required=False
    )


class AskerReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}))


class ReferForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.order_by("name"))
    note = forms.CharField(
        label=_("Note for the partner"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)


class CoachingForm(forms.Form):
    on = forms.DateField(
        label=_("Coaching on"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Message to the asker"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["slug", "theme", "tags", "title_nl", "body_nl", "title_en", "body_en", "published"]
        widgets = {
            "body_nl": forms.Textarea(attrs={"rows": 12}),
            "body_en": forms.Textarea(attrs={"rows": 8}),
        }


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))


class EventForm(forms.ModelForm):
    repeat_count = forms.IntegerField(
        label=_("Number of sessions in the series"),
        min_value=1,
        max_value=26,
        initial=1,
        help_text=_("More than 1 makes a recurring series."),
    )
    every_weeks = forms.IntegerField(label=_("Every how many weeks"), min_value=1, max_value=52, initial=4)

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "kind",
            "theme",
            "starts_at",
            "ends_at",
            "online",
            "venue",
            "province",
            "capacity",
            "needs_approval",
            "offer_hours",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must come after the start."))
        if not data.get("online") and not data.get("venue"):
            self.add_error("venue", _("Give the venue, or tick online."))
        return data


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
