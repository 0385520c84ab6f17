"""Writes of desks: the desk's own settings (the desk administrator) and new desks (the installation's administrators)."""

from django.db import transaction

from loket.audit.events import Event
from loket.audit.services import audit_record
from loket.core.fields import only_fields, save_changes

from .models import Desk

# What the decree leaves to the desk; the desk administrator changes these in the management screens.
DESK_SETTINGS_FIELDS = (
    "name",
    "email",
    "phone",
    "address",
    "opening_hours",
    "max_choices",
    "offer_deadline_days",
    "provider_confirmation_required",
    "reconfirm_every_days",
    "reconfirm_grace_days",
    "followup_after_weeks",
    "free_places_fresh_days",
    "provider_answer_days",
    "rounds_every_weeks",
    "horizon_months",
    "earliest_offer_months",
    "retention_months",
)


@transaction.atomic
def desk_settings_change(*, desk: Desk, actor, **fields) -> Desk:
    desk, changed = save_changes(desk, fields, allowed=DESK_SETTINGS_FIELDS, function="desk_settings_change")
    audit_record(actor=actor, event=Event.DESK_SETTINGS_CHANGED, obj=desk, desk_id=desk.pk, fields=changed)
    return desk


@transaction.atomic
def desk_create(*, actor, slug: str, **fields) -> Desk:
    only_fields(fields, DESK_SETTINGS_FIELDS, "desk_create")
    desk = Desk(slug=slug, **fields)
    desk.full_clean()
    desk.save()
    audit_record(actor=actor, event=Event.DESK_CREATED, obj=desk, desk_id=desk.pk)
    return desk
