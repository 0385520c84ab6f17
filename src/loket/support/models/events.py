"""Training, networking and intake sessions with registration, a waiting list, a limit per organisation, messages to
everyone registered and check-in at the door."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from loket.areas.choices import Province

from .questions import Theme


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    NETWORKING = "networking", _("Networking meeting")
    INTAKE = "intake", _("Intake for starters")


class EventSeries(models.Model):
    title = models.CharField(_("title"), max_length=200)
    every_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), default=4)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices, default=EventKind.TRAINING)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.GENERAL)
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    online = models.BooleanField(_("online"), default=False)
    join_url = models.URLField(
        _("link to join online"),
        blank=True,
        help_text=_("Sent only to confirmed participants, in their confirmation and calendar file."),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    province = models.CharField(_("province"), max_length=3, choices=Province.choices, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"))
    max_per_organisation = models.PositiveSmallIntegerField(
        _("places per organisation"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    needs_approval = models.BooleanField(_("registrations need approval"), default=False)
    offer_hours = models.PositiveSmallIntegerField(_("hours to claim a freed place"), default=48)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    followup_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("training or networking", "event")
        verbose_name_plural = pgettext_lazy("training or networking", "events")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("A place is offered")
    CANCELLED = "cancelled", _("Cancelled")
    LAPSED = "lapsed", _("Offer not claimed in time")
    DECLINED = "declined", _("Not approved")


HOLDS_A_PLACE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
ENDED = (RegistrationStatus.CANCELLED, RegistrationStatus.LAPSED, RegistrationStatus.DECLINED)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starter = models.ForeignKey(
        "support.Starter", on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organiser = models.ForeignKey(
        "supply.Organiser",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField()
    offered_until = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_status_display()}"


class EventMessage(models.Model):
    """A message an agent sent to the people registered for an event."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Everyone with a place")
        WAITING = "waiting", _("Everyone on the waiting list")
        ALL = "all", _("Everyone registered")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(_("to"), max_length=10, choices=Audience.choices, default=Audience.CONFIRMED)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.subject
