"""The local network: partner organisations that work with young families or support providers, and the
directory of them (the "sociale kaart"): what they offer, for which needs, in which languages and where."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from loket.core.search import tokens_of

from .choices import Need, PartnerKind


class Partner(models.Model):
    """A partner organisation. Partner advisers' roles are scoped to one of these."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    desks = models.ManyToManyField(
        "areas.Desk", blank=True, related_name="partners", verbose_name=_("desks served")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    description = models.TextField(_("what they offer"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)

    contact_person = models.CharField(
        _("contact person or service"),
        max_length=200,
        blank=True,
        help_text=_("A function or service (for example “onthaal”), rather than a person's name."),
    )
    # The needs served, stored as "|code|code|" so that filtering works the same on SQLite and PostgreSQL.
    needs = models.CharField(_("needs served"), max_length=300, blank=True)
    municipalities = models.ManyToManyField(
        "areas.Municipality", blank=True, related_name="+", verbose_name=_("municipalities served")
    )
    area_note = models.CharField(
        _("area served"), max_length=300, blank=True, help_text=_("For example “the whole province”.")
    )
    listed = models.BooleanField(_("shown in the directory"), default=True)
    # Stemmed words of the entry (Snowball Dutch), so that SQLite can search like PostgreSQL's 'dutch' configuration.
    search_tokens = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_tokens = tokens_of(self.search_text())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_tokens"}
        super().save(*args, **kwargs)

    @property
    def need_codes(self) -> list[str]:
        return [code for code in self.needs.split("|") if code]

    @need_codes.setter
    def need_codes(self, codes) -> None:
        ordered = [code for code in Need.values if code in set(codes)]
        self.needs = f"|{'|'.join(ordered)}|" if ordered else ""

    @property
    def need_labels(self) -> list[str]:
        return [Need(code).label for code in self.need_codes if code in Need.values]

    def search_text(self) -> str:
        """Everything a search looks at; the labels of kind and needs in Dutch and English, whatever the UI language."""
        parts = [self.name, self.description, self.languages, self.area_note]
        for language in ("nl", "en"):
            with translation.override(language):
                parts.append(str(PartnerKind(self.kind).label) if self.kind in PartnerKind.values else "")
                parts.extend(str(label) for label in self.need_labels)
        return " ".join(parts)
