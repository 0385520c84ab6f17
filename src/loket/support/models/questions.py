"""Questions to the support desk: the question with its conversation, who works on it, tags, attachments, canned
answers, response-time targets, the desk's closing days and routing rules to partner organisations."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")
    ORGANISATION = "organisation", _("Organisation and quality")
    PEDAGOGY = "pedagogy", _("Pedagogy and language")
    INCLUSIVE = "inclusive", _("Inclusive care")
    GENERAL = "general", _("General")


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    PHONE = "phone", _("Phone")
    REGIONAL = "regional", _("Regional contact moment")
    PROACTIVE = "proactive", _("Signalled by the families' desk")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    REFERRED = "referred", _("Referred to a partner")
    WAITING = "waiting", _("Waiting for the asker")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    ARTICLE = "article", _("Answered by an article")
    COACHING = "coaching", _("Coaching given")
    REFERRED_ELSEWHERE = "elsewhere", _("Sent elsewhere")
    NO_REPLY = "no_reply", _("No reply from the asker")
    MERGED = "merged", _("Merged into another question")


def new_reference() -> str:
    return "V-" + secrets.token_hex(3).upper()


class ResponseTarget(models.Model):
    """How many business hours the desk takes at most to answer a question of a theme."""

    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, unique=True)
    business_hours = models.PositiveSmallIntegerField(_("answer within (business hours)"), default=16)

    class Meta:
        verbose_name = _("response-time target")
        verbose_name_plural = _("response-time targets")

    def __str__(self) -> str:
        return f"{self.get_theme_display()}: {self.business_hours}"


class ClosingDay(models.Model):
    """A day the support desk is closed besides the public holidays (a bridge day, the team day): no business time."""

    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closing day")
        verbose_name_plural = _("closing days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.reason}".strip()


class Tag(models.Model):
    name = models.CharField(_("tag"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("question"))
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.GENERAL)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    is_starter = models.BooleanField(_("starting a childcare location"), default=False)
    starter = models.ForeignKey(
        "support.Starter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("starter"),
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asker_name = models.CharField(_("name"), max_length=200)
    asker_email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, default="nl")
    organiser = models.ForeignKey(
        "supply.Organiser",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    location = models.ForeignKey(
        "supply.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("location"),
    )
    partner = models.ForeignKey(
        "network.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions", verbose_name=_("tags"))
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    referred_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The last change anyone made (a message, a status, an assignment): the queue sorts on it, and a form that was
    # opened before it warns that someone else acted meanwhile.
    updated_at = models.DateTimeField(_("last activity"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due"))
    sla_warned_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    article = models.ForeignKey(
        "support.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by article"),
    )
    coaching_on = models.DateField(_("coaching planned on"), null=True, blank=True)
    # Snowball-stemmed words of the subject, the question, the asker and the organiser (see loket.core.search).
    search_tokens = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"


class Visibility(models.TextChoices):
    """Who reads a message. The asker reads only public messages; a partner's advisers also read what is meant for the
    partner; support agents read everything, internal notes included."""

    PUBLIC = "public", _("Everyone in the conversation")
    PARTNER = "partner", _("Note for the partner")
    INTERNAL = "internal", _("Internal note")


class Message(models.Model):
    class Author(models.TextChoices):
        ASKER = "asker", _("Asker")
        AGENT = "agent", _("Support desk")
        PARTNER = "partner", _("Partner")
        SYSTEM = "system", _("Loket")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=10, choices=Author.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"))
    visibility = models.CharField(
        _("who reads it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question.reference} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def internal(self) -> bool:
        return self.visibility != Visibility.PUBLIC


def attachment_path(instance, filename: str) -> str:
    """A random name under the month: the original name is kept in the database only (it may say who it is about)."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"support/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}{suffix}"


class Attachment(models.Model):
    """A file on a question or a message, stored through Django's storage API (a deployment may use object storage).
    It is as visible as the message it belongs to; files sent with the question itself are public."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def visibility(self) -> str:
        return self.message.visibility if self.message_id else Visibility.PUBLIC


class QuestionView(models.Model):
    """Which agent or adviser has a question open, and since when: shown to the others as a warning."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="question_view_once")]

    def __str__(self) -> str:
        return f"{self.question_id} · {self.user_id}"


class CannedAnswer(models.Model):
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders are filled from the question: {naam} (the asker's name), {organisator}, {locatie}, "
            "{referentie} and {medewerker} (your name)."
        ),
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.GENERAL)
    retired = models.BooleanField(_("retired"), default=False)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_tokens = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class RoutingRule(models.Model):
    """Questions of a theme (and, when given, mentioning one of the keywords) go to a partner organisation."""

    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    keywords = models.CharField(
        _("keywords"),
        max_length=300,
        blank=True,
        help_text=_("Separate with commas; empty means every question."),
    )
    partner = models.ForeignKey(
        "network.Partner", on_delete=models.CASCADE, related_name="+", verbose_name=_("partner")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=10)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_theme_display()} → {self.partner}"
