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

from .engine import policy_problems

TARIFFS = ("income", "free")


def validate_policy(policy) -> None:
    """A FORMAT.md `policy` object, checked by the engine's validator (the one definition of the format), with the
    tariffs Loket's places have."""
    problems = policy_problems(policy)
    if not problems:
        problems = [
            f"policy.rules.{tariff}: unknown tariff (Loket's places are {', '.join(TARIFFS)})"
            for tariff in policy["rules"]
            if tariff not in TARIFFS
        ]
    if problems:
        raise ValidationError(
            [_("These rules cannot be used: %(problem)s") % {"problem": problem} for problem in problems]
        )


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


class JobKind(models.TextChoices):
    PREPARE = "prepare", _("Preparing the round")
    RUN = "run", _("Running the round")
    CHECK = "check", _("Checking the round")


class JobStatus(models.TextChoices):
    IDLE = "idle", _("No job")
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Working")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class JobStage(models.TextChoices):
    BUILDING = "building", _("Building the instance")
    SIMULATING = "simulating", _("Simulating the mechanisms")
    SOLVING = "solving", _("Solving")
    CHECKING = "checking", _("Checking")
    EXPLAINING = "explaining", _("Explaining")


JOB_BUSY = (JobStatus.QUEUED, JobStatus.RUNNING)
JOB_STAGES = {
    JobKind.PREPARE: (JobStage.BUILDING, JobStage.SIMULATING),
    JobKind.RUN: (JobStage.SOLVING, JobStage.CHECKING, JobStage.EXPLAINING),
    JobKind.CHECK: (JobStage.CHECKING, JobStage.SOLVING),
}
# Why a job failed, in words for the desk worker (the technical detail goes to the log).
JOB_ERRORS = {
    "no_policy": _(
        "No priority rules were in force on the round's date. Choose another date or add the rules."
    ),
    "published": _("The round was published meanwhile; it cannot be run again."),
    "not_run": _("This round has not been run yet."),
    "engine": _(
        "The engine refused the round's data. The technical detail is in the log; ask the administrator, "
        "then try again."
    ),
    "interrupted": _(
        "The job stopped before it finished (the worker was stopped or took too long). Try again."
    ),
    "unexpected": _("Something went wrong in the job. The technical detail is in the log; try again."),
}


class Round(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
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
    policy_name = models.CharField(_("priority rules"), max_length=200, blank=True)
    # Empty while the preparing job builds it (status PREPARING).
    instance = models.JSONField(_("instance"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    explanations = models.JSONField(_("explanations"), null=True, blank=True)
    figures = models.JSONField(_("simulator figures"), null=True, blank=True)
    # The round's lottery (engine/lottery.py): a fresh secret seed, its commitment published when the round is
    # prepared, the seed itself once the round has run.
    lottery_seed = models.CharField(_("lottery seed"), max_length=64, blank=True)
    lottery_commitment = models.CharField(_("lottery commitment (SHA-256)"), max_length=64, blank=True)
    seed_revealed_at = models.DateTimeField(_("seed revealed at"), null=True, blank=True)
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
    # The counts the round list shows, stored so the list never loads the JSON columns.
    request_count = models.PositiveIntegerField(_("requests"), default=0)
    place_count = models.PositiveIntegerField(_("free places"), default=0)
    assigned_count = models.PositiveIntegerField(_("proposed"), null=True, blank=True)
    # The background job preparing, running or checking the round (tasks.py): one at a time per round, claimed with
    # a conditional UPDATE (services.round_job_start), its stage shown on the round's page while it works.
    job_kind = models.CharField(_("job"), max_length=10, choices=JobKind.choices, blank=True)
    job_status = models.CharField(
        _("job status"), max_length=10, choices=JobStatus.choices, default=JobStatus.IDLE
    )
    job_stage = models.CharField(_("job stage"), max_length=12, choices=JobStage.choices, blank=True)
    job_error = models.CharField(_("why the job failed"), max_length=20, blank=True)
    job_token = models.CharField(max_length=32, blank=True, editable=False)
    job_queued_at = models.DateTimeField(_("job queued at"), null=True, blank=True)
    job_started_at = models.DateTimeField(_("job started at"), null=True, blank=True)
    job_finished_at = models.DateTimeField(_("job finished at"), null=True, blank=True)
    job_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Seconds per stage of the last jobs ({"building": 0.4, "solving": 0.1, ...}): for the desk and the benchmark.
    job_seconds = models.JSONField(_("job time per stage (s)"), default=dict, blank=True)

    class Meta:
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.desk} · {self.date:%Y-%m-%d}"

    @property
    def job_busy(self) -> bool:
        return self.job_status in JOB_BUSY

    @property
    def job_failed(self) -> bool:
        return self.job_status == JobStatus.FAILED

    @property
    def job_error_message(self) -> str:
        return str(JOB_ERRORS.get(self.job_error, JOB_ERRORS["unexpected"]))

    @property
    def job_stages(self) -> list[tuple[str, str, str]]:
        """The stages of the current job as (stage, label, state) with state done, current or waiting."""
        stages = JOB_STAGES.get(self.job_kind, ())
        current = stages.index(self.job_stage) if self.job_stage in stages else -1
        if self.job_status == JobStatus.DONE:
            current = len(stages)
        return [
            (
                stage,
                JobStage(stage).label,
                "done" if i < current else "current" if i == current else "waiting",
            )
            for i, stage in enumerate(stages)
        ]

    @property
    def revealed_seed(self) -> str | None:
        """The lottery seed, once the round has run; None before (only the commitment is public then)."""
        return self.lottery_seed if self.seed_revealed_at and self.lottery_seed else None

    def downloadable_instance(self) -> dict:
        """The stored instance as anyone may read it: with the seed once it is revealed, so that `loket allocate`
        on the file alone gives the round's result (and checks the seed against the commitment in it)."""
        seed = self.revealed_seed
        if seed is None:
            return self.instance
        return {**self.instance, "policy": {**self.instance["policy"], "lottery_seed": seed}}


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
