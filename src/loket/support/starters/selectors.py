"""Reads of the starters' track: a starter's own progress, the starters an agent or a partner's adviser follows,
and those whose opening waits for the desk's confirmation."""

from django.db.models import Count, Prefetch, Q

from loket.accounts.choices import Role
from loket.accounts.policies import Scope

from ..models import Registration, Starter, StarterStatus, StarterStep


def starter_of(user) -> Starter | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Starter.objects.filter(user=user).first()


def track_progress(starter: Starter) -> list[dict]:
    done = {d.step_id: d for d in starter.done.all()}
    return [
        {"step": step, "done": done.get(step.pk)}
        for step in StarterStep.objects.prefetch_related("articles").select_related("partner")
    ]


def starters_visible_to(scope: Scope):
    """Agents follow every starter; a partner's adviser those who asked a question referred to the partner."""
    starters = Starter.objects.annotate(
        steps_done=Count("done", distinct=True), questions_asked=Count("questions", distinct=True)
    ).order_by("-created_at")
    if scope.is_superuser or Role.SUPPORT_AGENT in scope.roles:
        return starters
    return starters.filter(questions__partner_id__in=scope.partner_ids).distinct()


def starter_for(scope: Scope, pk: int) -> Starter | None:
    return (
        starters_visible_to(scope)
        .filter(pk=pk)
        .prefetch_related(Prefetch("registrations", queryset=Registration.objects.select_related("event")))
        .first()
    )


def starters_counts() -> dict[str, int]:
    return Starter.objects.aggregate(
        active=Count("pk", filter=Q(status=StarterStatus.ACTIVE)),
        opening=Count("pk", filter=Q(status=StarterStatus.OPENING)),
    )
