"""The providers' support desk (VoorZet): questions with their conversation, canned answers, the knowledge base,
routing rules to partner organisations, the starters' track and training and networking events."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.areas.models import Province


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


class Question(models.Model):
    reference = models.CharField(_("reference"), max_length=12, unique=True, default=new_reference)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("question"))
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.GENERAL)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    is_starter = models.BooleanField(_("starting a childcare location"), default=False)
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
    referred_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(_("answer due"))
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

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["due_at"]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"


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
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question.reference} {self.created_at:%Y-%m-%d %H:%M}"


class CannedAnswer(models.Model):
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.GENERAL)

    class Meta:
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separate with commas."))
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    body_nl = models.TextField(_("text (Dutch)"))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    published = models.BooleanField(_("published"), default=True)
    version = models.PositiveIntegerField(default=1)
    useful_count = models.PositiveIntegerField(default=0)
    # Snowball-stemmed words (" stem stem "), so that SQLite searches like PostgreSQL's 'dutch' configuration.
    search_tokens = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["title_nl"]

    def __str__(self) -> str:
        return self.title_nl

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class ArticleVersion(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    theme = models.CharField(max_length=20, choices=Theme.choices)
    tags = models.CharField(max_length=300, blank=True)
    title_nl = models.CharField(max_length=200)
    body_nl = models.TextField()
    title_en = models.CharField(max_length=200, blank=True)
    body_en = models.TextField(blank=True)
    edited_at = models.DateTimeField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["article", "version"], name="article_version_once")]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.version}"


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


class StarterStep(models.Model):
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.ENTREPRENEURSHIP)
    articles = models.ManyToManyField(Article, blank=True, related_name="+", verbose_name=_("articles"))
    partner = models.ForeignKey(
        "network.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner who helps"),
    )

    class Meta:
        verbose_name = _("starter's step")
        verbose_name_plural = _("starters' steps")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title


class StarterTrack(models.Model):
    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="track")
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.question.reference}"


class StepDone(models.Model):
    track = models.ForeignKey(StarterTrack, on_delete=models.CASCADE, related_name="done")
    step = models.ForeignKey(StarterStep, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField()
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["track", "step"], name="step_done_once")]

    def __str__(self) -> str:
        return f"{self.track_id}: {self.step_id}"


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    NETWORKING = "networking", _("Networking meeting")


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
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    province = models.CharField(_("province"), max_length=3, choices=Province.choices, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"))
    needs_approval = models.BooleanField(_("registrations need approval"), default=False)
    offer_hours = models.PositiveSmallIntegerField(_("hours to claim a freed place"), default=48)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    followup_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
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


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
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
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField()
    offered_until = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_status_display()}"
