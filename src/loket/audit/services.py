"""Recording audit events. Event names are declared in `events.Event` (`<thing>.<verb>`, for example
`request.viewed`); an undeclared name is refused. The detail holds ids and field names, never personal data."""

from .events import event_check
from .models import AuditEvent


def audit_record(
    *, actor, event: str, obj=None, desk_id=None, family_id=None, reason: str = "", **detail
) -> AuditEvent:
    event = event_check(event)
    actor_label = "system"
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_label = actor.email
    else:
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor_label,
        event=event,
        desk_id=desk_id,
        family_id=family_id,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        reason=reason,
        detail=detail,
    )


def audit_record_each(*, actor, event: str, objects, **detail) -> int:
    """One event per object, each with the object's own desk and family (so every family sees it in its "who viewed
    my file"), in one insert. `objects`: (object, desk_id, family_id) triples."""
    event = event_check(event)
    actor_label = "system"
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_label = actor.email
    else:
        actor = None
    rows = [
        AuditEvent(
            actor=actor,
            actor_label=actor_label,
            event=event,
            desk_id=desk_id,
            family_id=family_id,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            detail=detail,
        )
        for obj, desk_id, family_id in objects
    ]
    AuditEvent.objects.bulk_create(rows)
    return len(rows)
