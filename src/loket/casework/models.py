"""Desk follow-up: what a desk worker records around a family's requests (notes, contact moments, tasks, checks),
referrals to partner organisations, merges of duplicate registrations, and the local consultation's meetings.

Proof is never stored: a worker writes down *where* they saw it (see `ChildcareRequest.facts_proof_seen`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.network.choices import Need


class Note(models.Model):
    family = models.ForeignKey(
        "demand.Family", on_delete=models.CASCADE, related_name="case_notes", verbose_name=_("family")
    )
    request = models.ForeignKey(
        "demand.ChildcareRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="case_notes",
        verbose_name=_("request"),
    )
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), db_index=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.family} · {self.at:%Y-%m-%d}"


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Visit at the desk")
    HOME_VISIT = "home_visit", _("Home visit")
    MAIL = "mail", _("E-mail or letter")
    MESSAGE = "message", _("Text message")


class ContactMoment(models.Model):
    family = models.ForeignKey(
        "demand.Family", on_delete=models.CASCADE, related_name="contact_moments", verbose_name=_("family")
    )
    request = models.ForeignKey(
        "demand.ChildcareRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_moments",
        verbose_name=_("request"),
    )
    kind = models.CharField(_("kind of contact"), max_length=12, choices=ContactKind.choices)
    incoming = models.BooleanField(_("the family contacted us"), default=False)
    reached = models.BooleanField(_("we reached the family"), default=True)
    interpreter_used = models.BooleanField(_("an interpreter was used"), default=False)
    interpreter_language = models.CharField(_("language of the interpreter"), max_length=60, blank=True)
    summary = models.TextField(_("what was said or agreed"), blank=True)
    at = models.DateTimeField(_("at"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d}"


class Task(models.Model):
    family = models.ForeignKey(
        "demand.Family", on_delete=models.CASCADE, related_name="case_tasks", verbose_name=_("family")
    )
    request = models.ForeignKey(
        "demand.ChildcareRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="case_tasks",
        verbose_name=_("request"),
    )
    title = models.CharField(_("what must be done"), max_length=300)
    due_on = models.DateField(_("due date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="case_tasks",
        verbose_name=_("owner"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class RequestCheck(models.Model):
    """A desk worker has looked at a new request (data complete, priority facts plausible)."""

    request = models.OneToOneField(
        "demand.ChildcareRequest",
        on_delete=models.CASCADE,
        related_name="desk_check",
        verbose_name=_("request"),
    )
    at = models.DateTimeField(_("checked at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("request check")
        verbose_name_plural = _("request checks")

    def __str__(self) -> str:
        return f"{self.request_id} · {self.at:%Y-%m-%d}"


class RequestMerge(models.Model):
    """A duplicate registration of the same child was merged into another request."""

    kept = models.ForeignKey(
        "demand.ChildcareRequest",
        on_delete=models.CASCADE,
        related_name="merges_kept",
        verbose_name=_("kept"),
    )
    duplicate = models.ForeignKey(
        "demand.ChildcareRequest",
        on_delete=models.CASCADE,
        related_name="merges_as_duplicate",
        verbose_name=_("duplicate"),
    )
    registered_at_before = models.DateTimeField()
    registered_at_after = models.DateTimeField()
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("merge of duplicate requests")
        verbose_name_plural = _("merges of duplicate requests")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.duplicate_id} → {self.kept_id}"


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent, waiting for the partner")
    ACCEPTED = "accepted", _("Accepted by the partner")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled by the desk")


class ReferralOutcome(models.TextChoices):
    HELPED = "helped", _("The family was helped")
    ONGOING_ELSEWHERE = "elsewhere", _("Passed on to another service")
    NOT_REACHED = "not_reached", _("The family could not be reached")
    DECLINED = "declined", _("The family did not want help after all")
    NOT_SUITABLE = "not_suitable", _("Our offer did not fit this need")


class Referral(models.Model):
    """A referral of a family to a partner organisation for one need, with the family's consent.

    The partner sees only what is on the referral itself (need, message, the contact details the family agreed to
    share), never the request or the family's file."""

    family = models.ForeignKey(
        "demand.Family", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("family")
    )
    desk = models.ForeignKey("areas.Desk", on_delete=models.PROTECT, related_name="+", verbose_name=_("desk"))
    partner = models.ForeignKey(
        "network.Partner", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partner")
    )
    need = models.CharField(_("need"), max_length=20, choices=Need.choices)
    message = models.TextField(
        _("message for the partner"),
        blank=True,
        help_text=_("Only what the partner needs to know to help. The partner sees this text."),
    )
    shared_name = models.CharField(_("name shared with the partner"), max_length=200, blank=True)
    shared_phone = models.CharField(_("phone number shared with the partner"), max_length=40, blank=True)
    shared_email = models.EmailField(_("e-mail address shared with the partner"), blank=True)
    shared_language = models.CharField(_("language for contact"), max_length=60, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_how = models.CharField(_("how consent was given"), max_length=200)
    accompanied = models.BooleanField(
        _("warm referral: the desk goes along"),
        default=False,
        help_text=_("A desk worker accompanies the family to the first contact."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    created_at = models.DateTimeField(_("referred at"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReferralOutcome.choices, blank=True)
    outcome_note = models.TextField(_("note on the outcome"), blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partner", "status"])]

    def __str__(self) -> str:
        return f"{self.partner} · {self.get_need_display()}"


class ConsultationMeeting(models.Model):
    """A meeting of the local childcare consultation (Lokaal Overleg Kinderopvang)."""

    desk = models.ForeignKey(
        "areas.Desk", on_delete=models.CASCADE, related_name="consultation_meetings", verbose_name=_("desk")
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("subject"), max_length=200)
    participants = models.TextField(
        _("participants"), help_text=_("Organisations and functions present, one per line.")
    )
    decisions = models.TextField(_("decisions"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("local consultation meeting")
        verbose_name_plural = _("local consultation meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} · {self.title}"


class ConsultationAction(models.Model):
    meeting = models.ForeignKey(
        ConsultationMeeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting")
    )
    description = models.CharField(_("follow-up action"), max_length=300)
    owner = models.CharField(
        _("owner"), max_length=200, help_text=_("Who takes it up: an organisation or a function.")
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description
