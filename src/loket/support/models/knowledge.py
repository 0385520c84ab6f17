"""The knowledge base: articles (with sections, versions, related articles and a review date), what readers think of
them, and how often a suggested article answered a question before it was asked (counted per day, not per person)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .questions import Theme

SECTION_HELP = _('Start a section with a line "## Heading"; a line starting with "- " is a list item.')


class Article(models.Model):
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separate with commas."))
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    summary_nl = models.CharField(_("summary (Dutch)"), max_length=300, blank=True)
    body_nl = models.TextField(_("text (Dutch)"), help_text=SECTION_HELP)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    body_en = models.TextField(_("text (English)"), blank=True, help_text=SECTION_HELP)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related articles"))
    published = models.BooleanField(_("published"), default=True)
    version = models.PositiveIntegerField(default=1)
    helpful_count = models.PositiveIntegerField(default=0)
    not_helpful_count = models.PositiveIntegerField(default=0)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
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
    summary_nl = models.CharField(max_length=300, blank=True)
    body_nl = models.TextField()
    title_en = models.CharField(max_length=200, blank=True)
    summary_en = models.CharField(max_length=300, blank=True)
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


class DeflectionCount(models.Model):
    """Per day and article: visits in which an article suggested on the question form was opened, and visits in which
    a question was sent after all. The difference is the questions the article answered. Nobody is identified."""

    day = models.DateField()
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    opened = models.PositiveIntegerField(default=0)
    asked_anyway = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "article"], name="deflection_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.article_id}: {self.opened}/{self.asked_anyway}"
