"""Writes to childcare requests. Every status change goes through `request_change_status`, which checks the
lifecycle, records who/when/why, and writes the audit trail."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.audit.services import audit_record
from loket.core import weekdays
from loket.core.bulk import BATCH, update_in_groups

from .identity import national_number_hash
from .lifecycle import CLOSED_STATUSES, Status, check_transition
from .models import Channel, Child, ChildcareRequest, Choice, Family, Guardian, StatusChange
from .priority import FACT_LABELS


def request_audit(event: str, request: ChildcareRequest, *, actor, **detail) -> None:
    """An event about a request, in its desk's trail and in its family's ("who viewed my file"). For the apps that
    act on a request too (casework), so every such event names the same desk and family."""
    audit_record(
        actor=actor,
        event=event,
        obj=request,
        desk_id=request.desk_id,
        family_id=request.child.family_id,
        **detail,
    )


def request_change_status(
    *, request: ChildcareRequest, to: str, actor=None, reason: str = "", at=None
) -> ChildcareRequest:
    """Move a request to a new status; refuses illegal moves with `IllegalTransition`."""
    with transaction.atomic():
        locked = ChildcareRequest.objects.select_for_update().get(pk=request.pk)
        check_transition(locked.status, to)
        at = at or timezone.now()
        previous = locked.status
        locked.status = to
        locked.closed_at = at if to in CLOSED_STATUSES else None
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        StatusChange.objects.create(
            request=locked, from_status=previous, to_status=to, at=at, by=actor, reason=reason
        )
        request_audit(
            "request.status_changed", locked, actor=actor, reason=reason, from_status=previous, to_status=to
        )
    request.status, request.closed_at = locked.status, locked.closed_at
    return request


def request_set_choices(*, request: ChildcareRequest, location_ids: Sequence[int], actor=None) -> None:
    """Replace a request's ranked choices. The registration date stays: a family never loses its place in
    line by changing its mind."""
    if len(set(location_ids)) != len(location_ids):
        raise ValidationError(_("Each location can be chosen only once."))
    if not location_ids:
        raise ValidationError(_("Choose at least one location."))
    if len(location_ids) > request.desk.max_choices:
        raise ValidationError(
            ngettext(
                "You can choose at most %(max)d location.",
                "You can choose at most %(max)d locations.",
                request.desk.max_choices,
            )
            % {"max": request.desk.max_choices}
        )
    with transaction.atomic():
        Choice.objects.filter(request=request).delete()
        Choice.objects.bulk_create(
            Choice(request=request, location_id=location_id, rank=rank)
            for rank, location_id in enumerate(location_ids, start=1)
        )
        request_audit(
            "request.choices_changed",
            request,
            actor=actor,
            locations=list(location_ids),
        )


def request_set_urgency(*, request: ChildcareRequest, urgent: bool, reason: str, actor) -> None:
    if not reason.strip():
        raise ValidationError(
            {"urgency_reason": _("Give the reason, so colleagues understand the decision.")}
        )
    request.urgent = urgent
    request.urgency_reason = reason.strip()
    request.urgency_set_by = actor
    request.urgency_set_at = timezone.now()
    request.save(update_fields=["urgent", "urgency_reason", "urgency_set_by", "urgency_set_at", "updated_at"])
    request_audit(
        "request.urgency_set" if urgent else "request.urgency_lifted", request, actor=actor, reason=reason
    )


@dataclass(frozen=True)
class NewRequest:
    """Everything needed to register one child's request (the form layer fills it in)."""

    start_earliest: date
    start_latest: date
    weekdays: Sequence[int]
    location_ids: Sequence[int]
    accepts_income_tariff: bool = True
    accepts_free_price: bool = True
    work: bool = False
    single_parent: bool = False
    low_income: bool = False
    health_or_care: bool = False
    no_diploma: bool = False
    foster: bool = False
    sibling_location_ids: Sequence[int] = ()
    channel: str = Channel.WEB
    together_key: str = ""  # shared by children registered together (their choices are kept in step)
    only_together: bool = False  # a place only where all of them can go


def request_register(
    *, family: Family, child: Child, data: NewRequest, consent_version: str, actor=None, at=None
) -> ChildcareRequest:
    at = at or timezone.now()
    if data.start_earliest > data.start_latest:
        raise ValidationError({"start_latest": _("The latest start must not be before the earliest start.")})
    with transaction.atomic():
        request = ChildcareRequest.objects.create(
            desk=family.desk,
            child=child,
            status=Status.REGISTERED,
            channel=data.channel,
            registered_at=at,
            start_earliest=data.start_earliest.replace(day=1),
            start_latest=data.start_latest.replace(day=1),
            weekdays_mask=weekdays.to_mask(data.weekdays),
            accepts_income_tariff=data.accepts_income_tariff,
            accepts_free_price=data.accepts_free_price,
            **{fact: getattr(data, fact) for fact in PRIORITY_FACTS},
            together_key=data.together_key,
            only_together=data.only_together and bool(data.together_key),
            sworn_statement_at=at,
            consent_version=consent_version,
            consented_at=at,
            last_confirmed_at=at,
            created_by=actor,
        )
        if data.sibling_location_ids:
            request.siblings_at.set(data.sibling_location_ids)
        request_set_choices(request=request, location_ids=list(data.location_ids), actor=actor)
        StatusChange.objects.create(
            request=request, from_status="", to_status=Status.REGISTERED, at=at, by=actor
        )
        audit_record(
            actor=actor, event="request.registered", obj=request, desk_id=family.desk_id, family_id=family.pk
        )
    return request


def family_create(*, desk, guardian: dict, preferred_language: str = "nl", postcode=None) -> Family:
    with transaction.atomic():
        family = Family.objects.create(desk=desk, preferred_language=preferred_language, postcode=postcode)
        Guardian.objects.create(family=family, is_primary=True, **guardian)
    return family


def family_link_account(*, family: Family, user) -> None:
    """The family's guardians sign in with `user` (the account made when a parent registered on the website)."""
    Guardian.objects.filter(family=family).update(user=user)


def family_set_language(*, user, language: str) -> None:
    """A parent picked a language: the families whose guardian signs in with `user` get their messages in it."""
    Family.objects.filter(guardians__user=user).update(preferred_language=language)


def guardian_link_account(*, guardian: Guardian, user) -> None:
    """This guardian signs in with `user` (the account made at the first sign-in with the family's access code)."""
    guardian.user = user
    guardian.save(update_fields=["user"])


def child_add(*, family: Family, first_name: str, born: bool, on: date, national_number: str = "") -> Child:
    """A child of the family, born on `on` or expected then. Of the national register number only a keyed hash is
    kept, to find the same child registered twice."""
    return Child.objects.create(
        family=family,
        first_name=first_name.strip(),
        birth_date=on if born else None,
        due_date=None if born else on,
        national_number_hash=national_number_hash(national_number) if national_number else "",
    )


def request_mark_reconfirm_asked(*, request: ChildcareRequest, at) -> None:
    """The periodic "are you still looking?" question went out (the caller mails and audits it)."""
    ChildcareRequest.objects.filter(pk=request.pk).update(reconfirm_asked_at=at)


def request_mark_reconfirm_reminded(*, request: ChildcareRequest, at) -> None:
    """The reminder of that question went out."""
    ChildcareRequest.objects.filter(pk=request.pk).update(reconfirm_reminded_at=at)


def request_change_wishes(
    *,
    request: ChildcareRequest,
    start_earliest: date,
    start_latest: date,
    weekdays_chosen: Sequence[int],
    accepts_income_tariff: bool | None = None,
    accepts_free_price: bool | None = None,
    actor=None,
) -> ChildcareRequest:
    """Change the start window, the days of care (and the accepted tariffs). Like a change of choices, this never
    moves the registration date."""
    if start_earliest > start_latest:
        raise ValidationError({"start_latest": _("The latest start must not be before the earliest start.")})
    if not weekdays_chosen:
        raise ValidationError({"weekdays": _("Choose at least one day.")})
    if accepts_income_tariff is not None:
        request.accepts_income_tariff = accepts_income_tariff
    if accepts_free_price is not None:
        request.accepts_free_price = accepts_free_price
    if not (request.accepts_income_tariff or request.accepts_free_price):
        raise ValidationError({"tariffs": _("Choose at least one kind of price.")})
    request.start_earliest = start_earliest.replace(day=1)
    request.start_latest = start_latest.replace(day=1)
    request.weekdays_mask = weekdays.to_mask(weekdays_chosen)
    with transaction.atomic():
        request.save(
            update_fields=[
                "start_earliest",
                "start_latest",
                "weekdays_mask",
                "accepts_income_tariff",
                "accepts_free_price",
                "updated_at",
            ]
        )
        request_audit("request.wishes_changed", request, actor=actor)
    return request


# A request window's own fields; every other field of a request (the child, wishes, facts, urgency, consent and the
# registration date) is carried into the window that continues it, so a field added later is not dropped silently.
WINDOW_OWN_FIELDS = frozenset(
    {
        "id",
        "status",
        "last_confirmed_at",
        "reconfirm_asked_at",
        "reconfirm_reminded_at",
        "created_by",
        "updated_at",
        "closed_at",
    }
)


def request_continue(
    *, request: ChildcareRequest, location_ids: Sequence[int], actor, at, reason: str
) -> ChildcareRequest:
    """A new window of `request` that waits for `location_ids` (in that order), e.g. for the better choices of a
    family that accepted a place and keeps waiting. It keeps the original registration date: a family never loses
    its place in line. The caller records why in the audit trail."""
    values = {
        field.attname: getattr(request, field.attname)
        for field in ChildcareRequest._meta.concrete_fields
        if field.name not in WINDOW_OWN_FIELDS
    }
    window = ChildcareRequest.objects.create(
        **values, status=Status.REGISTERED, last_confirmed_at=at, created_by=actor
    )
    window.siblings_at.set(request.siblings_at.all())
    Choice.objects.bulk_create(
        Choice(request=window, location_id=location_id, rank=rank)
        for rank, location_id in enumerate(location_ids, start=1)
    )
    StatusChange.objects.create(
        request=window, from_status="", to_status=Status.REGISTERED, at=at, by=actor, reason=reason
    )
    return window


def request_confirm_still_looking(
    *, request: ChildcareRequest, actor=None, at=None, event: str = "request.still_looking"
) -> ChildcareRequest:
    """The family answers "yes, still looking" (itself: `request.still_looking`, or to the desk by phone or at the
    desk: `request.reconfirmed`): the reconfirmation clock starts again and a pending question is answered."""
    at = at or timezone.now()
    request.last_confirmed_at = at
    request.reconfirm_asked_at = None
    request.reconfirm_reminded_at = None
    with transaction.atomic():
        request.save(
            update_fields=["last_confirmed_at", "reconfirm_asked_at", "reconfirm_reminded_at", "updated_at"]
        )
        request_audit(event, request, actor=actor)
    return request


# The priority facts a family states and the desk confirms (a fact of either of two merged registrations stays): the
# same fields in `NewRequest` and in the request, so a new fact is carried wherever they are copied.
PRIORITY_FACTS = tuple(FACT_LABELS)


def request_confirm_facts(
    *, request: ChildcareRequest, facts: dict, proof_seen: str, actor
) -> ChildcareRequest:
    """A desk worker confirms (and where needed corrects) the priority facts, saying where the proof was seen.
    The proof itself is never stored."""
    if not proof_seen.strip():
        raise ValidationError(
            {
                "proof_seen": _(
                    "Say where you saw the proof (for example: “income certificate shown at the desk”)."
                )
            }
        )
    changed = [
        name for name in PRIORITY_FACTS if name in facts and bool(facts[name]) != getattr(request, name)
    ]
    with transaction.atomic():
        for name in PRIORITY_FACTS:
            if name in facts:
                setattr(request, name, bool(facts[name]))
        request.facts_confirmed_by = actor
        request.facts_confirmed_at = timezone.now()
        request.facts_proof_seen = proof_seen.strip()
        request.save(
            update_fields=[
                *PRIORITY_FACTS,
                "facts_confirmed_by",
                "facts_confirmed_at",
                "facts_proof_seen",
                "updated_at",
            ]
        )
        request_audit("request.facts_confirmed", request, actor=actor, changed=changed)
    return request


def request_take_over(*, kept: ChildcareRequest, duplicate: ChildcareRequest) -> ChildcareRequest:
    """`kept` takes over what a duplicate registration of the same child says: the earlier registration date of the
    two, every priority fact stated on either, the urgency (with its reason), and the duplicate's status history.
    The caller (casework's merge) moves the choices, withdraws the duplicate and audits the merge."""
    for name in PRIORITY_FACTS:
        setattr(kept, name, getattr(kept, name) or getattr(duplicate, name))
    kept.registered_at = min(kept.registered_at, duplicate.registered_at)
    kept.urgent = kept.urgent or duplicate.urgent
    if duplicate.urgent and not kept.urgency_reason:
        kept.urgency_reason = duplicate.urgency_reason
    with transaction.atomic():
        kept.save(update_fields=["registered_at", "urgent", "urgency_reason", *PRIORITY_FACTS, "updated_at"])
        StatusChange.objects.filter(request=duplicate).update(request=kept)
    return kept


def family_set_access_code(*, family: Family, actor=None) -> str:
    """A new access code for a family registered by phone (the old one stops working). Only its hash is kept; the
    code is shown once, to read out or hand over."""
    import secrets

    from django.contrib.auth.hashers import make_password

    from .models import REFERENCE_ALPHABET

    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(10))
    code = f"{code[:5]}-{code[5:]}"
    family.access_code_hash = make_password(code)
    family.save(update_fields=["access_code_hash"])
    audit_record(
        actor=actor, event="family.access_code_set", obj=family, desk_id=family.desk_id, family_id=family.pk
    )
    return code


def family_check_access_code(*, family: Family, code: str) -> bool:
    from django.contrib.auth.hashers import check_password

    normalised = code.strip().upper().replace(" ", "")
    if len(normalised) == 10:
        normalised = f"{normalised[:5]}-{normalised[5:]}"
    return bool(family.access_code_hash) and check_password(normalised, family.access_code_hash)


# --- A history recorded at once (allocation.history, the demo loader) ------------------------------------------


def status_changed_event(actor, request_id, desk_id, family_id, from_status, to, at, reason) -> dict:
    """The audit event `request_change_status` records, for `audit.services.audit_record_many`."""
    return dict(
        actor=actor,
        event="request.status_changed",
        obj=ChildcareRequest(pk=request_id),
        desk_id=desk_id,
        family_id=family_id,
        reason=reason,
        at=at,
        from_status=from_status,
        to_status=to,
    )


def status_moves_record(changes: list[dict], statuses: dict[int, tuple[str, datetime | None]]) -> None:
    """Status moves of a history recorded at once: `changes` are StatusChange rows (request_id, from_status,
    to_status, at, by, reason), each a transition the caller checked with `lifecycle.check_transition` in order;
    `statuses` maps each request to where it ended (status, closed_at). Bulk inserts and one UPDATE per distinct
    (status, closed_at); the caller records the audit events (`status_changed_event`) with its own."""
    StatusChange.objects.bulk_create([StatusChange(**change) for change in changes], batch_size=BATCH)
    update_in_groups(ChildcareRequest, statuses, ("status", "closed_at"))
