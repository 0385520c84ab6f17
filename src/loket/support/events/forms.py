from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Event, EventMessage


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))
    organisation = forms.CharField(
        label=_("Your organisation"),
        max_length=200,
        required=False,
        help_text=_("The childcare you work for, if any."),
    )


class EventForm(forms.ModelForm):
    join_url = forms.URLField(
        label=_("link to join online"),
        required=False,
        assume_scheme="https",
        help_text=_("Sent only to confirmed participants, in their confirmation and calendar file."),
    )
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
            "join_url",
            "venue",
            "province",
            "capacity",
            "max_per_organisation",
            "needs_approval",
            "offer_hours",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["repeat_count"]
            del self.fields["every_weeks"]

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must come after the start."))
        if not data.get("online") and not data.get("venue"):
            self.add_error("venue", _("Give the venue, or tick online."))
        if data.get("online") and not data.get("join_url"):
            self.add_error("join_url", _("Give the link to join the online event."))
        return data


class EventMessageForm(forms.ModelForm):
    class Meta:
        model = EventMessage
        fields = ["audience", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}


class MoveForm(forms.Form):
    to_event = forms.ModelChoiceField(label=_("Move to"), queryset=None)

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_event"].queryset = events
        self.fields["to_event"].label_from_instance = lambda e: f"{e.title} · {e.starts_at:%d/%m/%Y %H:%M}"
