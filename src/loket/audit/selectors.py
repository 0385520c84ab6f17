"""Reads of the audit trail for other apps: a family's trail ("who viewed my file"), and what an erasure changes."""

from django.db.models import Q, QuerySet

from .models import AuditEvent

FAMILY_TRAIL_LENGTH = 500


def family_trail(family_id: int) -> list[AuditEvent]:
    """Who looked at or changed a family's file, newest first (the family's own actions too), with who did it."""
    return list(
        AuditEvent.objects.filter(family_id=family_id)
        .select_related("actor")
        .order_by("-at")[:FAMILY_TRAIL_LENGTH]
    )


def reasons_about(family_id: int) -> QuerySet[AuditEvent]:
    """Events about a family that carry a written reason (urgency, withdrawal, decline)."""
    return AuditEvent.objects.filter(family_id=family_id).exclude(reason="")


def events_naming(*, user_ids, emails) -> QuerySet[AuditEvent]:
    """Events whose actor is named by one of these accounts or addresses rather than by a pseudonymous id."""
    return AuditEvent.objects.filter(Q(actor_id__in=user_ids) | Q(actor_label__in=emails)).exclude(
        actor_label__startswith="person-"
    )


def events_about_family(family_id: int, *, events) -> QuerySet[AuditEvent]:
    """The events of these kinds about one family's file, each with who did it (a case's timeline shows some)."""
    return AuditEvent.objects.filter(family_id=family_id, event__in=list(events)).select_related("actor")
