"""Rounds, proposals, offers and placements: how the engine's proposals become the daily work of the desk,
the providers and the families.

A round stores the FORMAT.md instance it was built from and the engine's result, so anyone can re-run and check it
later. Proposals go to the provider (to confirm, when the desk asks for it), offers to the family (with a deadline),
and an accepted offer becomes a placement once the provider records the contract start.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TIE_BREAKS = ("registered_at", "lottery")
TARIFFS = ("income", "free")
PRECEDENCES = ("open_first", "reserve_first")


def validate_policy(policy) -> None:
    """A FORMAT.md `policy` object: tie-break, and for each tariff a list of priority classes and a reserve."""
    errors = []
    if not isinstance(policy, dict):
        raise ValidationError(_("The policy must be a JSON object."))
    if policy.get("tie_break") not in TIE_BREAKS:
        errors.append(_("tie_break must be “registered_at” or “lottery”."))
    if not isinstance(policy.get("lottery_seed", 0), int):
        errors.append(_("lottery_seed must be a whole number."))
    rules = policy.get("rules")
    if not isinstance(rules, dict) or not rules:
        errors.append(_("rules must be an object with a rule per tariff."))
        rules = {}
    for tariff, rule in rules.items():
        if tariff not in TARIFFS:
            errors.append(_("Unknown tariff “%(tariff)s”.") % {"tariff": tariff})
            continue
        if not isinstance(rule, dict) or not isinstance(rule.get("priority", []), list):
            errors.append(
                _("The rule for “%(tariff)s” needs a list of priority classes.") % {"tariff": tariff}
            )
            continue
        for klass in rule.get("priority", []):
            if isinstance(klass, str):
                continue
            when = klass.get("when") if isinstance(klass, dict) else None
            if (
                not isinstance(klass, dict)
                or not isinstance(klass.get("name"), str)
                or not isinstance(when, list)
                or not all(
                    isinstance(group, list) and all(isinstance(f, str) for f in group) for group in when
                )
            ):
                errors.append(
                    _(
                        "A priority class is a name or {“name”: …, “when”: [[flag, …], …]} (tariff %(tariff)s)."
                    )
                    % {"tariff": tariff}
                )
        reserve = rule.get("reserve")
        if reserve is not None:
            share = reserve.get("target_share") if isinstance(reserve, dict) else None
            if not isinstance(share, int | float) or not 0 <= share <= 1:
                errors.append(_("The reserve's target_share must be a number from 0 to 1."))
            elif not isinstance(reserve.get("eligible"), list):
                errors.append(_("The reserve needs a list of eligible flags."))
            elif reserve.get("precedence", "open_first") not in PRECEDENCES:
                errors.append(_("The reserve's precedence must be “open_first” or “reserve_first”."))
    if errors:
        raise ValidationError(errors)


class DeskPolicy(models.Model):
    """A desk's own priority rules from a date on (`loket.allocation.policy.policy_for_desk` reads these)."""

    desk = models.ForeignKey(
        "areas.Desk", on_delete=models.CASCADE, related_name="policies", verbose_name=_("desk")
    )
    effective_from = models.DateField(_("in force from"))
    name = models.CharField(_("name"), max_length=200)
    policy = models.JSONField(_("rules (JSON)"), validators=[validate_policy])
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("desk priority rules")
        verbose_name_plural = _("desk priority rules")
        ordering = ["desk", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["desk", "effective_from"], name="deskpolicy_one_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from:%Y-%m-%d})"


class Round(models.Model):
    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared")
        RUN = "run", _("Run")
        PUBLISHED = "published", _("Published")

    desk = models.ForeignKey(
        "areas.Desk", on_delete=models.PROTECT, related_name="rounds", verbose_name=_("desk")
    )
    # A joint round of a care region's desks: the running desk plus its partners (the running desk is included).
    desks = models.ManyToManyField("areas.Desk", related_name="joint_rounds", verbose_name=_("desks"))
    date = models.DateField(_("round date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREPARED)
    mechanism = models.CharField(_("mechanism"), max_length=20, default="da")
    policy_name = models.CharField(_("priority rules"), max_length=200)
    instance = models.JSONField(_("instance"))
    result = models.JSONField(_("result"), null=True, blank=True)
    explanations = models.JSONField(_("explanations"), null=True, blank=True)
    figures = models.JSONField(_("simulator figures"), null=True, blank=True)
    check_report = models.JSONField(_("check"), null=True, blank=True)
    prepared_at = models.DateTimeField(_("prepared at"), auto_now_add=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    run_at = models.DateTimeField(_("run at"), null=True, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.desk} · {self.date:%Y-%m-%d}"

    @property
    def request_count(self) -> int:
        return len(self.instance.get("requests", []))

    @property
    def place_count(self) -> int:
        return sum(o["count"] for loc in self.instance.get("locations", []) for o in loc["openings"])

    @property
    def assigned_count(self) -> int:
        return len((self.result or {}).get("assignments", []))


class Proposal(models.Model):
    """One assignment of a published round: a request and a place, for the provider to confirm."""

    class Status(models.TextChoices):
        AWAITING_PROVIDER = "awaiting", _("Waiting for the provider")
        CONFIRMED = "confirmed", _("Confirmed by the provider")
        REFUSED = "refused", _("Refused by the provider")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    request = models.ForeignKey("demand.ChildcareRequest", on_delete=models.CASCADE, related_name="proposals")
    opening = models.ForeignKey("supply.Opening", on_delete=models.PROTECT, related_name="proposals")
    location = models.ForeignKey("supply.Location", on_delete=models.PROTECT, related_name="proposals")
    rank = models.PositiveSmallIntegerField(_("rank the family gave this location"))
    priority_class = models.CharField(_("priority class"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AWAITING_PROVIDER
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refusal_reason = models.CharField(_("reason for refusing"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["round", "location__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "request"], name="proposal_once_per_round")]

    def __str__(self) -> str:
        return f"{self.round} · {self.location}"


class Offer(models.Model):
    """A place offered to a family, from a confirmed proposal or assigned directly by a desk worker (urgent care)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for your answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        PLACED = "placed", _("Placed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Kind(models.TextChoices):
        ROUND = "round", _("From an allocation round")
        URGENT = "urgent", _("Urgent care, assigned by the desk")

    request = models.ForeignKey("demand.ChildcareRequest", on_delete=models.CASCADE, related_name="offers")
    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="offer"
    )
    opening = models.ForeignKey("supply.Opening", on_delete=models.PROTECT, related_name="offers")
    location = models.ForeignKey("supply.Location", on_delete=models.PROTECT, related_name="offers")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ROUND)
    direct_reason = models.CharField(_("reason for the direct assignment"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    made_at = models.DateTimeField(_("offered at"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deadline = models.DateTimeField(_("answer before"))
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    keep_waiting = models.BooleanField(_("keeps waiting for a better-ranked choice"), default=False)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-made_at", "-pk"]
        constraints = [
            # One open offer per request at a time: its other choices pause while it is open.
            models.UniqueConstraint(
                fields=["request"], condition=Q(status="open"), name="offer_one_open_per_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.location} · {self.get_status_display()}"

    @property
    def status_for_staff(self) -> str:
        """The status as a desk worker or provider reads it (the labels speak to the family: "your answer")."""
        if self.status == self.Status.OPEN:
            return str(_("Open: waiting for the family's answer"))
        return self.get_status_display()


class Placement(models.Model):
    """A child in care: an accepted offer with its recorded contract start."""

    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="placement")
    request = models.ForeignKey(
        "demand.ChildcareRequest", on_delete=models.CASCADE, related_name="placements"
    )
    location = models.ForeignKey("supply.Location", on_delete=models.PROTECT, related_name="placements")
    tariff = models.CharField(_("tariff"), max_length=10)
    contract_start = models.DateField(_("contract start"))
    reserve_eligible = models.BooleanField(_("counts for the reserve"), default=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-contract_start", "-pk"]

    def __str__(self) -> str:
        return f"{self.location} · {self.contract_start:%Y-%m-%d}"


class ReviewRequest(models.Model):
    """A family asks for a person to look at what it was offered, or not (GDPR art. 22)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a desk worker")
        ANSWERED = "answered", _("Answered")

    request = models.ForeignKey(
        "demand.ChildcareRequest", on_delete=models.CASCADE, related_name="review_requests"
    )
    round = models.ForeignKey(Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    message = models.TextField(_("your question"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("request for human review")
        verbose_name_plural = _("requests for human review")
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return f"{self.request} · {self.get_status_display()}"
