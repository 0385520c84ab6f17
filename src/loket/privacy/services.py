"""A family's rights over its data: see who viewed the file, download everything, ask for erasure; and the
retention period after which closed files are anonymised. Statistics survive anonymisation: statuses, dates, areas
and priority-group membership stay; names, contact details and free text go."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.audit.events import event_label
from loket.audit.selectors import family_trail
from loket.audit.services import audit_record
from loket.core.preview import counted
from loket.demand.selectors import families_all_closed, family_has_open_request

from .models import ErasureRequest
from .registry import ANONYMISERS, EXPORTERS, PREVIEWS
from .trail import traces_of, trail_erase, trail_preview

if TYPE_CHECKING:
    from loket.demand.models import Family


def family_export(*, family: "Family", actor) -> dict:
    """Everything Loket holds about a family, section by section, in the active language."""
    sections: dict[str, list[dict]] = {}
    for exporter in EXPORTERS.values():
        sections.update(exporter(family))
    audit_record(
        actor=actor, event="family.exported", obj=family, desk_id=family.desk_id, family_id=family.pk
    )
    return sections


def family_viewers(*, family: "Family"):
    """Who looked at or changed the file: the audit trail of this family, newest first (the family's own actions too)."""
    events = family_trail(family.pk)
    for event in events:
        event.label = event_label(event.event)
    return events


def erasure_request_create(*, family: "Family", actor, message: str = "") -> ErasureRequest:
    request = ErasureRequest.objects.create(family=family, desk=family.desk, message=message.strip()[:2000])
    audit_record(
        actor=actor,
        event="family.erasure_requested",
        obj=request,
        desk_id=family.desk_id,
        family_id=family.pk,
    )
    return request


def erasure_blocker(family: "Family | None") -> str:
    """Why the erasure cannot be carried out yet ("" when it can)."""
    if family is not None and family_has_open_request(family):
        # An open request would be processed without a way to reach the family: close it first, with the family.
        return _("This family still has an open request. Withdraw it with the family first.")
    return ""


def erasure_preview(*, family: "Family | None") -> list[str]:
    """What an erasure will wipe, in plain words, kind by kind with counts: the desk administrator reads this before
    confirming. Every app that holds the family's data adds its own lines (registry), then the family's trail."""
    if family is None or family.anonymised_at is not None:
        return []
    lines = []
    for preview in PREVIEWS.values():
        lines.extend(preview(family))
    lines.extend(_own_preview(family))
    lines.extend(trail_preview(traces_of(family)))
    return lines


def erasure_request_carry_out(*, erasure: ErasureRequest, actor) -> None:
    family = erasure.family
    blocker = erasure_blocker(family)
    if blocker:
        raise ValueError(blocker)
    with transaction.atomic():
        if family is not None:
            family_anonymise(family=family, actor=actor, reason="erasure request")
        erasure.status = ErasureRequest.Status.DONE
        erasure.handled_at = timezone.now()
        erasure.handled_by = actor
        erasure.message = ""
        erasure.save(update_fields=["status", "handled_at", "handled_by", "message"])


def family_anonymise(*, family: "Family", actor=None, reason: str) -> None:
    """Clear the family's file (every registered app; demand's marks the family anonymised) and its trail elsewhere
    (outbox, support questions from its addresses, audit labels and reasons, accounts and sessions): see `trail.py`.
    What the statistics need stays."""
    with transaction.atomic():
        traces = traces_of(family)
        for anonymiser in ANONYMISERS.values():
            anonymiser(family)
        _erasure_messages(family).update(message="")
        trail_erase(traces)
        audit_record(
            actor=actor,
            event="family.anonymised",
            obj=family,
            desk_id=family.desk_id,
            family_id=family.pk,
            reason=reason,
        )


def retention_apply(*, now=None) -> int:
    """Anonymise families whose requests all closed longer ago than their desk's retention period."""
    now = now or timezone.now()
    done = 0
    for family in families_all_closed():
        if family.last_closed < now - timedelta(days=round(30.44 * family.desk.retention_months)):
            family_anonymise(family=family, reason="retention period ended")
            done += 1
    return done


# --- privacy's own part ----------------------------------------------------------------------------------------------


def _erasure_messages(family: "Family"):
    return ErasureRequest.objects.filter(family=family).exclude(message="")


def _own_preview(family: "Family") -> list:
    messages = _erasure_messages(family).count()
    return counted(
        messages,
        ngettext(
            "%(count)s message sent with an erasure request.",
            "%(count)s messages sent with erasure requests.",
            messages,
        ),
    )


def data_kinds_for(*, desk) -> list[dict]:
    """The data inventory's kinds with this desk's retention periods filled in, for the privacy statement."""
    from loket.core.mail import MAIL_KEEP_DAYS
    from loket.families.services import DRAFT_KEEP_DAYS

    from .inventory import DATA_KINDS, PUBLIC_TASK

    values = {
        "months": desk.retention_months if desk is not None else 24,
        "draft_days": DRAFT_KEEP_DAYS,
        "mail_days": MAIL_KEEP_DAYS,
        "public_task": PUBLIC_TASK,
    }
    return [
        {
            "name": kind.name,
            "purpose": kind.purpose,
            "legal_basis": str(kind.legal_basis) % values,
            "retention": str(kind.retention) % values,
        }
        for kind in DATA_KINDS
    ]
