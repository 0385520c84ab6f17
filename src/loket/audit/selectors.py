"""Reads of the audit trail for other apps."""

from django.db.models import QuerySet

from .models import AuditEvent


def events_about_family(family_id: int, *, events) -> QuerySet[AuditEvent]:
    """The events of these kinds about one family's file, each with who did it (a case's timeline shows some)."""
    return AuditEvent.objects.filter(family_id=family_id, event__in=list(events)).select_related("actor")
