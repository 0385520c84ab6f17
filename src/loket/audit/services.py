"""Recording audit events. Event names are declared in `events.Event` (`<thing>.<verb>`, for example
`request.viewed`); an undeclared name is refused. The detail holds ids and field names, never personal data."""

from .events import event_check
from .models import AuditEvent
from .selectors import reasons_about

# A parent is not a staff role (accounts.actions.PARENT): a person with only that role is named by a pseudonym.
PARENT = "parent"


def actor_label_for(actor) -> str:
    """How the trail names who did it. Staff by their e-mail address (the desk must be able to say who it was); everyone
    else (families, people asking a question) by a pseudonymous id: their address is personal data that an erasure
    must be able to remove, and the id still ties their own actions together."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system"
    # The user knows its roles (accounts.User.scope, kept for the request); audit sits below accounts.
    scope = getattr(actor, "scope", None)
    if actor.is_staff or actor.is_superuser or (scope is not None and scope.roles - {PARENT}):
        return actor.email
    return pseudonymous_label(actor.pk)


def pseudonymous_label(user_id: int) -> str:
    return f"person-{user_id}"


def audit_record(
    *, actor, event: str, obj=None, desk_id=None, family_id=None, reason: str = "", **detail
) -> AuditEvent:
    event = event_check(event)
    actor_label = actor_label_for(actor)
    if actor_label == "system":
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
    return audit_record_many(
        dict(actor=actor, event=event, obj=obj, desk_id=desk_id, family_id=family_id, **detail)
        for obj, desk_id, family_id in objects
    )


def audit_record_many(events, *, batch_size: int = 2000) -> int:
    """Many events in batched inserts. Each event is a dict of `audit_record`'s keyword arguments (actor, event, obj,
    desk_id, family_id, reason, and the detail's items), plus `at` for an event that happened earlier: a history
    recorded in bulk (the demo's year of rounds) keeps the moments things happened at. Returns how many."""
    labels: dict[int | None, tuple[object, str]] = {}
    rows = []
    for event in events:
        event = dict(event)
        actor = event.pop("actor", None)
        key = getattr(actor, "pk", None)
        if key not in labels:  # one label per person, not one look-up of their roles per event
            label = actor_label_for(actor)
            labels[key] = (None if label == "system" else actor, label)
        actor, actor_label = labels[key]
        obj = event.pop("obj", None)
        at = event.pop("at", None)
        rows.append(
            AuditEvent(
                actor=actor,
                actor_label=actor_label,
                event=event_check(event.pop("event")),
                desk_id=event.pop("desk_id", None),
                family_id=event.pop("family_id", None),
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                reason=event.pop("reason", ""),
                detail=event,
                **({"at": at} if at is not None else {}),
            )
        )
    AuditEvent.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def audit_forget(*, family_id: int, user_ids, emails) -> None:
    """At a family's erasure the trail keeps what happened, when, and by whom as a pseudonymous id; the free text of
    urgency, withdrawal and decline reasons goes (it is in the trail to explain a decision about this family only)."""
    reasons_about(family_id).update(reason="")
    for user_id in user_ids:
        AuditEvent.objects.filter(actor_id=user_id).update(actor_label=pseudonymous_label(user_id))
    AuditEvent.objects.filter(actor_label__in=emails).update(actor_label=pseudonymous_label(0))
