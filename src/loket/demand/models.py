"""Childcare requests: the family, its guardians and children, the request with its ranked choices and priority
facts, and every change of status with who, when and why."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loket.core import weekdays

from .choices import Channel
from .lifecycle import Status
from .priority import PriorityFacts

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out over the phone


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{body[:4]}-{body[4:]}"


class Family(models.Model):
    desk = models.ForeignKey(
        "areas.Desk", on_delete=models.PROTECT, related_name="families", verbose_name=_("desk")
    )
    reference = models.CharField(_("file number"), max_length=9, unique=True, default=new_reference)
    postcode = models.ForeignKey(
        "areas.Postcode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("postcode"),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )
    # A family registered by phone gets a code to sign in later; only its hash is kept.
    access_code_hash = models.CharField(max_length=128, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class Guardian(models.Model):
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="guardians", verbose_name=_("family")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guardian",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=True)

    class Meta:
        verbose_name = _("parent or guardian")
        verbose_name_plural = _("parents and guardians")
        ordering = ["-is_primary", "pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Child(models.Model):
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="children", verbose_name=_("family")
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    due_date = models.DateField(_("expected date of birth"), null=True, blank=True)
    # Keyed hash (HMAC) of the national register number: used only to find the same child registered twice.
    national_number_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_date__isnull=False) | Q(due_date__isnull=False),
                name="child_born_or_expected",
            )
        ]

    def __str__(self) -> str:
        return self.first_name or str(_("expected child"))

    @property
    def is_born(self) -> bool:
        return self.birth_date is not None

    @property
    def birth_or_due_date(self):
        return self.birth_date or self.due_date


class ChildcareRequest(models.Model):
    """An opvangvraag: one child's need for care, registered once for all providers of the desk's area."""

    desk = models.ForeignKey(
        "areas.Desk", on_delete=models.PROTECT, related_name="requests", verbose_name=_("desk")
    )
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="requests", verbose_name=_("child")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    channel = models.CharField(
        _("registered via"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    # The moment of first submission. It decides the tie-break and never moves when choices change later.
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    start_earliest = models.DateField(_("earliest start month"))
    start_latest = models.DateField(_("latest start month"))
    weekdays_mask = models.PositiveSmallIntegerField(_("days of care"))
    accepts_income_tariff = models.BooleanField(_("accepts income-related tariff"), default=True)
    accepts_free_price = models.BooleanField(_("accepts free price"), default=True)

    # Priority facts (sworn statement by the family; a desk worker may confirm them).
    work = models.BooleanField(_("needs care for work, job search or training"), default=False)
    single_parent = models.BooleanField(_("single parent"), default=False)
    low_income = models.BooleanField(_("income below the threshold"), default=False)
    health_or_care = models.BooleanField(_("health or care situation"), default=False)
    no_diploma = models.BooleanField(_("no secondary-school diploma"), default=False)
    foster = models.BooleanField(_("foster child"), default=False)
    siblings_at = models.ManyToManyField(
        "supply.Location", blank=True, related_name="+", verbose_name=_("siblings already in care at")
    )
    sworn_statement_at = models.DateTimeField(_("sworn statement made at"), null=True, blank=True)
    facts_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    facts_confirmed_at = models.DateTimeField(_("facts confirmed at"), null=True, blank=True)
    facts_proof_seen = models.CharField(
        _("where the proof was seen"), max_length=300, blank=True, help_text=_("Proof is seen, never stored.")
    )

    # Children registered together (twins, brothers and sisters) share a key: their choices, days and start are kept
    # in step. With `only_together` the family wants a place only where all of them can go (FORMAT.md has no joint
    # requests yet, so the engine sees separate requests; the desk and the offer page see the wish).
    together_key = models.CharField(_("registered together with"), max_length=32, blank=True, db_index=True)
    only_together = models.BooleanField(
        _("only a place for all the children registered together"), default=False
    )

    urgent = models.BooleanField(_("urgent"), default=False)
    urgency_reason = models.CharField(_("reason for urgency"), max_length=500, blank=True)
    urgency_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urgency_set_at = models.DateTimeField(null=True, blank=True)

    consent_version = models.CharField(_("consent text version"), max_length=20)
    consented_at = models.DateTimeField(_("consent given at"))
    last_confirmed_at = models.DateTimeField(_("family last confirmed still looking"), null=True, blank=True)
    # The periodic "are you still looking?" question: when it was asked and when the reminder went out.
    reconfirm_asked_at = models.DateTimeField(_("asked whether still looking at"), null=True, blank=True)
    reconfirm_reminded_at = models.DateTimeField(
        _("reminded whether still looking at"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("childcare request")
        verbose_name_plural = _("childcare requests")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_earliest__lte=models.F("start_latest")), name="request_start_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(accepts_income_tariff=True) | Q(accepts_free_price=True),
                name="request_accepts_a_tariff",
            ),
            models.CheckConstraint(condition=Q(weekdays_mask__gt=0), name="request_has_weekdays"),
        ]
        indexes = [models.Index(fields=["desk", "status"]), models.Index(fields=["desk", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.child.family.reference} · {self.child}"

    @property
    def weekdays(self) -> tuple[int, ...]:
        return weekdays.from_mask(self.weekdays_mask)

    @property
    def facts(self) -> PriorityFacts:
        return PriorityFacts(
            work=self.work,
            single_parent=self.single_parent,
            low_income=self.low_income,
            health_or_care=self.health_or_care,
            no_diploma=self.no_diploma,
            foster=self.foster,
        )

    @property
    def vulnerable(self) -> bool:
        return self.facts.vulnerable

    @property
    def accepted_tariffs(self) -> list[str]:
        return [
            t for t, ok in (("income", self.accepts_income_tariff), ("free", self.accepts_free_price)) if ok
        ]


class Choice(models.Model):
    """One ranked location choice of a request (1 = most wanted)."""

    request = models.ForeignKey(ChildcareRequest, on_delete=models.CASCADE, related_name="choices")
    location = models.ForeignKey("supply.Location", on_delete=models.PROTECT, related_name="choices")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["request", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["request", "location"], name="choice_location_once"),
            # Reordering rewrites a request's choices in one transaction (see services), so no deferral is needed.
            models.UniqueConstraint(fields=["request", "rank"], name="choice_rank_once"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="choice_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.location}"


class StatusChange(models.Model):
    request = models.ForeignKey(ChildcareRequest, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    at = models.DateTimeField(_("at"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["request", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class FamilySearchKey(models.Model):
    """What a desk worker may type to find a family, one normalised value per row: a word of a name, a phone number
    (digits, national form), an e-mail address, a date of birth (or expected date), the postcode. Derived from the
    family's rows (`demand.search` keeps it in step), so a search is a few index lookups, not a scan of every file."""

    class Kind(models.TextChoices):
        NAME = "name", _("name")
        PHONE = "phone", _("phone number")
        EMAIL = "email", _("e-mail address")
        BIRTH = "birth", _("date of birth")
        POSTCODE = "postcode", _("postcode")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="search_keys")
    desk = models.ForeignKey("areas.Desk", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    value = models.CharField(max_length=254)

    class Meta:
        verbose_name = _("search key of a family")
        verbose_name_plural = _("search keys of families")
        indexes = [
            # Prefix lookups ("peet" finds "peeters"): PostgreSQL needs the pattern operator class for LIKE 'x%';
            # SQLite (which ignores operator classes) is searched with a range on the same index.
            models.Index(
                fields=["kind", "value"],
                name="family_search_key_prefix",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            )
        ]

    def __str__(self) -> str:
        return f"{self.family_id} {self.kind}"
