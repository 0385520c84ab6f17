"""Writes of desk follow-up. Each takes keyword arguments, runs in one transaction and writes the audit trail
(ids only, never the text itself)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.audit.services import audit_record
from loket.demand import services as demand_services
from loket.demand.lifecycle import OPEN_STATUSES, Status
from loket.demand.selectors import chosen_location_ids, request_locked
from loket.demand.services import request_change_status, request_set_choices

from .models import (
    ConsultationAction,
    ConsultationMeeting,
    ContactMoment,
    Note,
    Referral,
    ReferralStatus,
    RequestCheck,
    RequestMerge,
    Task,
)

if TYPE_CHECKING:
    from loket.demand.models import ChildcareRequest, Family


def _audit_case(event: str, obj, *, actor, desk_id: int, **detail) -> None:
    """Every casework object (note, contact, task, referral) belongs to one family: its events show in that family's
    "who viewed my file" and in the desk's trail."""
    audit_record(actor=actor, event=event, obj=obj, desk_id=desk_id, family_id=obj.family_id, **detail)


def _check_request_of(family: Family, request: ChildcareRequest | None) -> None:
    if request is not None and request.child.family_id != family.pk:
        raise ValidationError(_("This request belongs to another family."))


def note_add(*, family: Family, text: str, actor, request: ChildcareRequest | None = None, at=None) -> Note:
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    _check_request_of(family, request)
    with transaction.atomic():
        note = Note.objects.create(
            family=family, request=request, text=text.strip(), author=actor, at=at or timezone.now()
        )
        _audit_case("case.note_added", note, actor=actor, desk_id=family.desk_id)
    return note


def contact_log(
    *,
    family: Family,
    kind: str,
    actor,
    summary: str = "",
    incoming: bool = False,
    reached: bool = True,
    interpreter_used: bool = False,
    interpreter_language: str = "",
    request: ChildcareRequest | None = None,
    at=None,
) -> ContactMoment:
    _check_request_of(family, request)
    if interpreter_language and not interpreter_used:
        interpreter_used = True
    with transaction.atomic():
        contact = ContactMoment.objects.create(
            family=family,
            request=request,
            kind=kind,
            incoming=incoming,
            reached=reached,
            interpreter_used=interpreter_used,
            interpreter_language=interpreter_language.strip(),
            summary=summary.strip(),
            at=at or timezone.now(),
            by=actor,
        )
        _audit_case(
            "case.contact_logged",
            contact,
            actor=actor,
            desk_id=family.desk_id,
            kind=kind,
            interpreter_used=interpreter_used,
        )
    return contact


def task_add(
    *, family: Family, title: str, due_on: date, owner, actor, request: ChildcareRequest | None = None
) -> Task:
    _check_request_of(family, request)
    with transaction.atomic():
        task = Task.objects.create(
            family=family,
            request=request,
            title=title.strip(),
            due_on=due_on,
            owner=owner,
            created_by=actor,
            created_at=timezone.now(),
        )
        _audit_case(
            "case.task_added", task, actor=actor, desk_id=family.desk_id, owner=owner.pk if owner else None
        )
    return task


def task_complete(*, task: Task, actor) -> Task:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.done_by = actor
        task.save(update_fields=["done_at", "done_by"])
        _audit_case("case.task_done", task, actor=actor, desk_id=task.family.desk_id)
    return task


def request_mark_checked(*, request: ChildcareRequest, actor) -> RequestCheck:
    check, _created = RequestCheck.objects.update_or_create(
        request=request, defaults={"at": timezone.now(), "by": actor}
    )
    demand_services.request_audit("request.checked", request, actor=actor)
    return check


def request_confirm_facts(
    *, request: ChildcareRequest, facts: dict, proof_seen: str, actor
) -> ChildcareRequest:
    """A desk worker confirms (and where needed corrects) the priority facts, saying where the proof was seen
    (demand's service); confirming also counts as checking the request."""
    with transaction.atomic():
        request = demand_services.request_confirm_facts(
            request=request, facts=facts, proof_seen=proof_seen, actor=actor
        )
        RequestCheck.objects.update_or_create(request=request, defaults={"at": timezone.now(), "by": actor})
    return request


def request_confirm_still_looking(*, request: ChildcareRequest, actor) -> ChildcareRequest:
    """The family told the desk (by phone, at the desk) that it still needs the place."""
    if request.status not in OPEN_STATUSES:
        raise ValidationError(_("Only an open request can be re-confirmed."))
    return demand_services.request_confirm_still_looking(
        request=request, actor=actor, event="request.reconfirmed"
    )


def requests_merge(*, kept: ChildcareRequest, duplicate: ChildcareRequest, actor) -> RequestMerge:
    """Merge a duplicate registration of the same child into `kept`.

    The kept request takes the earliest registration date of the two, adds the duplicate's choices after its own
    (the desk's maximum still applies), and takes over the duplicate's history and case records. The duplicate is
    withdrawn with a reason that names the kept request."""
    if kept.pk == duplicate.pk:
        raise ValidationError(_("Choose two different requests."))
    if kept.desk_id != duplicate.desk_id:
        raise ValidationError(_("Only requests of the same desk can be merged."))
    with transaction.atomic():
        kept = request_locked(kept.pk)
        duplicate = request_locked(duplicate.pk)
        if duplicate.status not in OPEN_STATUSES:
            raise ValidationError(_("The duplicate is already closed; there is nothing to merge."))
        if kept.status not in OPEN_STATUSES:
            raise ValidationError(_("The request to keep is closed; keep the other one instead."))
        location_ids = chosen_location_ids(kept)
        for location_id in chosen_location_ids(duplicate):
            if location_id not in location_ids:
                location_ids.append(location_id)
        if len(location_ids) > kept.desk.max_choices:
            raise ValidationError(
                _(
                    "Together the two requests have %(n)d choices; the desk allows %(max)d. "
                    "Remove choices from one of them first."
                )
                % {"n": len(location_ids), "max": kept.desk.max_choices}
            )
        request_set_choices(request=kept, location_ids=location_ids, actor=actor)
        before = kept.registered_at
        kept = demand_services.request_take_over(kept=kept, duplicate=duplicate)
        earliest = kept.registered_at
        family_changes = {"request": kept}
        if duplicate.child.family_id != kept.child.family_id:
            family_changes["family"] = kept.child.family
        for model in (Note, ContactMoment, Task):
            model.objects.filter(request=duplicate).update(**family_changes)
        request_change_status(
            request=duplicate,
            to=Status.WITHDRAWN,
            actor=actor,
            reason=_("Duplicate registration, merged into %(reference)s.")
            % {"reference": kept.child.family.reference},
        )
        merge = RequestMerge.objects.create(
            kept=kept,
            duplicate=duplicate,
            registered_at_before=before,
            registered_at_after=earliest,
            at=timezone.now(),
            by=actor,
        )
        demand_services.request_audit(
            "request.merged",
            kept,
            actor=actor,
            duplicate=duplicate.pk,
            duplicate_family=duplicate.child.family_id,
        )
    return merge


def referral_create(
    *,
    family: Family,
    partner,
    need: str,
    consent_how: str,
    actor,
    message: str = "",
    share_contact: bool = True,
    accompanied: bool = False,
    consent_at=None,
) -> Referral:
    """Refer a family to a partner for one need. Without recorded consent there is no referral: the partner would
    otherwise receive a family's data it did not agree to share."""
    if not consent_how.strip():
        raise ValidationError({"consent_how": _("Record how the family gave its consent.")})
    if not partner.desks.filter(pk=family.desk_id).exists():
        raise ValidationError({"partner": _("This partner does not work with this desk.")})
    guardian = family.guardians.order_by("-is_primary", "pk").first()
    shared = {}
    if share_contact and guardian is not None:
        shared = {
            "shared_name": f"{guardian.first_name} {guardian.last_name}".strip(),
            "shared_phone": guardian.phone,
            "shared_email": guardian.email,
            "shared_language": family.get_preferred_language_display(),
        }
    now = timezone.now()
    with transaction.atomic():
        referral = Referral.objects.create(
            family=family,
            desk_id=family.desk_id,
            partner=partner,
            need=need,
            message=message.strip(),
            consent_at=consent_at or now,
            consent_how=consent_how.strip(),
            accompanied=accompanied,
            created_at=now,
            created_by=actor,
            **shared,
        )
        _audit_case(
            "referral.created",
            referral,
            actor=actor,
            desk_id=family.desk_id,
            partner=partner.pk,
            need=need,
            shared_contact=bool(shared),
        )
    return referral


def referral_accept(*, referral: Referral, actor) -> Referral:
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(_("Only a referral that waits for you can be accepted."))
    referral.status = ReferralStatus.ACCEPTED
    referral.accepted_at = timezone.now()
    referral.accepted_by = actor
    referral.save(update_fields=["status", "accepted_at", "accepted_by"])
    _audit_case(
        "referral.accepted", referral, actor=actor, desk_id=referral.desk_id, partner=referral.partner_id
    )
    return referral


def referral_close(*, referral: Referral, outcome: str, actor, note: str = "") -> Referral:
    if referral.status not in (ReferralStatus.SENT, ReferralStatus.ACCEPTED):
        raise ValidationError(_("This referral is already closed."))
    referral.status = ReferralStatus.CLOSED
    referral.outcome = outcome
    referral.outcome_note = note.strip()
    referral.closed_at = timezone.now()
    referral.closed_by = actor
    referral.save(update_fields=["status", "outcome", "outcome_note", "closed_at", "closed_by"])
    _audit_case(
        "referral.closed",
        referral,
        actor=actor,
        desk_id=referral.desk_id,
        partner=referral.partner_id,
        outcome=outcome,
    )
    return referral


def referral_mark_accompanied(*, referral: Referral, accompanied: bool, actor) -> Referral:
    referral.accompanied = accompanied
    referral.save(update_fields=["accompanied"])
    _audit_case(
        "referral.accompanied" if accompanied else "referral.not_accompanied",
        referral,
        actor=actor,
        desk_id=referral.desk_id,
    )
    return referral


def referral_cancel(*, referral: Referral, actor, reason: str) -> Referral:
    if referral.status not in (ReferralStatus.SENT, ReferralStatus.ACCEPTED):
        raise ValidationError(_("This referral is already closed."))
    referral.status = ReferralStatus.CANCELLED
    referral.closed_at = timezone.now()
    referral.closed_by = actor
    referral.save(update_fields=["status", "closed_at", "closed_by"])
    _audit_case("referral.cancelled", referral, actor=actor, desk_id=referral.desk_id, reason=reason)
    return referral


def meeting_record(
    *, desk, held_on: date, title: str, participants: str, decisions: str, actor
) -> ConsultationMeeting:
    with transaction.atomic():
        meeting = ConsultationMeeting.objects.create(
            desk=desk,
            held_on=held_on,
            title=title.strip(),
            participants=participants.strip(),
            decisions=decisions.strip(),
            created_by=actor,
        )
        audit_record(actor=actor, event="consultation.recorded", obj=meeting, desk_id=desk.pk)
    return meeting


def meeting_update(*, meeting: ConsultationMeeting, actor, **fields) -> ConsultationMeeting:
    for name, value in fields.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    meeting.save()
    audit_record(actor=actor, event="consultation.updated", obj=meeting, desk_id=meeting.desk_id)
    return meeting


def action_add(
    *, meeting: ConsultationMeeting, description: str, owner: str, due_on=None, actor
) -> ConsultationAction:
    action = ConsultationAction.objects.create(
        meeting=meeting, description=description.strip(), owner=owner.strip(), due_on=due_on
    )
    audit_record(actor=actor, event="consultation.action_added", obj=action, desk_id=meeting.desk_id)
    return action


def action_complete(*, action: ConsultationAction, actor) -> ConsultationAction:
    if action.done_at is None:
        action.done_at = timezone.now()
        action.save(update_fields=["done_at"])
        audit_record(
            actor=actor, event="consultation.action_done", obj=action, desk_id=action.meeting.desk_id
        )
    return action
