"""A family's rights over its data: see who viewed the file, download everything, ask for erasure; and the
retention period after which closed files are anonymised. Statistics survive anonymisation: statuses, dates, areas
and priority-group membership stay; names, contact details and free text go."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.accounts.models import User
from loket.audit.events import event_label
from loket.audit.models import AuditEvent
from loket.audit.services import audit_record
from loket.core.preview import counted
from loket.demand.lifecycle import OPEN_STATUSES
from loket.demand.models import Child, ChildcareRequest, Family, Guardian, StatusChange
from loket.demand.priority import FACT_LABELS

from .models import ErasureRequest
from .registry import ANONYMISERS, EXPORTERS, PREVIEWS, register
from .trail import traces_of, trail_erase, trail_preview


def family_export(*, family: Family, actor) -> dict:
    """Everything Loket holds about a family, section by section, in the active language."""
    sections: dict[str, list[dict]] = {}
    for exporter in EXPORTERS.values():
        sections.update(exporter(family))
    audit_record(
        actor=actor, event="family.exported", obj=family, desk_id=family.desk_id, family_id=family.pk
    )
    return sections


def family_viewers(*, family: Family):
    """Who looked at or changed the file: the audit trail of this family, newest first (the family's own actions too)."""
    events = list(
        AuditEvent.objects.filter(family_id=family.pk).select_related("actor").order_by("-at")[:500]
    )
    for event in events:
        event.label = event_label(event.event)
    return events


def erasure_request_create(*, family: Family, actor, message: str = "") -> ErasureRequest:
    request = ErasureRequest.objects.create(family=family, desk=family.desk, message=message.strip()[:2000])
    audit_record(
        actor=actor,
        event="family.erasure_requested",
        obj=request,
        desk_id=family.desk_id,
        family_id=family.pk,
    )
    return request


def erasure_blocker(family: Family | None) -> str:
    """Why the erasure cannot be carried out yet ("" when it can)."""
    if family is not None and family.children.filter(requests__status__in=OPEN_STATUSES).exists():
        # An open request would be processed without a way to reach the family: close it first, with the family.
        return _("This family still has an open request. Withdraw it with the family first.")
    return ""


def erasure_preview(*, family: Family | None) -> list[str]:
    """What an erasure will wipe, in plain words, kind by kind with counts: the desk administrator reads this before
    confirming. Every app that holds the family's data adds its own lines (registry), then the family's trail."""
    if family is None or family.anonymised_at is not None:
        return []
    lines = []
    for preview in PREVIEWS.values():
        lines.extend(preview(family))
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


def family_anonymise(*, family: Family, actor=None, reason: str) -> None:
    """Clear the family's file (every registered app) and its trail elsewhere (outbox, support questions from its
    addresses, audit labels and reasons, sessions): see `trail.py`. What the statistics need stays."""
    with transaction.atomic():
        traces = traces_of(family)
        for anonymiser in ANONYMISERS.values():
            anonymiser(family)
        trail_erase(traces)
        family.access_code_hash = ""
        family.anonymised_at = timezone.now()
        family.save(update_fields=["access_code_hash", "anonymised_at"])
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
    candidates = (
        Family.objects.filter(anonymised_at__isnull=True)
        .exclude(children__requests__status__in=OPEN_STATUSES)
        .annotate(last_closed=Max("children__requests__closed_at"))
        .filter(last_closed__isnull=False)
        .select_related("desk")
    )
    for family in candidates:
        if family.last_closed < now - timedelta(days=round(30.44 * family.desk.retention_months)):
            family_anonymise(family=family, reason="retention period ended")
            done += 1
    return done


# --- the demand app's part -------------------------------------------------------------------------------------------


def _demand_export(family: Family) -> dict:
    requests = ChildcareRequest.objects.filter(child__family=family).select_related("child")
    return {
        _("Family"): [
            {
                _("file number"): family.reference,
                _("preferred language"): family.preferred_language,
                _("postcode"): str(family.postcode or ""),
                _("created at"): family.created_at,
            }
        ],
        _("Parents and guardians"): [
            {
                _("first name"): g.first_name,
                _("last name"): g.last_name,
                _("e-mail address"): g.email,
                _("phone number"): g.phone,
            }
            for g in family.guardians.all()
        ],
        _("Children"): [
            {
                _("first name"): c.first_name,
                _("date of birth"): c.birth_date,
                _("expected date of birth"): c.due_date,
                _("national register number"): _("kept only as a keyed code")
                if c.national_number_hash
                else "",
            }
            for c in family.children.all()
        ],
        _("Requests"): [
            {
                _("status"): r.get_status_display(),
                _("registered at"): r.registered_at,
                _("start"): f"{r.start_earliest:%Y-%m} – {r.start_latest:%Y-%m}",
                _("choices"): ", ".join(c.location.name for c in r.choices.select_related("location")),
                _("facts you declared"): ", ".join(
                    str(label) for n, label in FACT_LABELS.items() if getattr(r, n)
                ),
                _("urgent"): _("yes") if r.urgent else _("no"),
                _("consent text version"): r.consent_version,
            }
            for r in requests
        ],
        _("What happened"): [
            {_("at"): s.at, _("status"): s.get_to_status_display(), _("reason"): s.reason}
            for s in StatusChange.objects.filter(request__child__family=family).order_by("at")
        ],
    }


def _age_bands(born, starts) -> list[str]:
    from loket.reports.filters import AGE_BANDS

    bands = []
    for start in starts:
        age = (start - born).days
        bands += [
            key for key, (_l, low, high) in AGE_BANDS.items() if age >= low and (high is None or age < high)
        ]
    return bands


def month_only(born, starts):
    """The date of birth generalised to its month: the 15th, or (when the real day is near a band's edge) the first
    or last day of the month, whichever keeps every request of the child in the same age band of the reports. The
    anonymous figures stay exactly the same; the day of birth is gone."""
    import calendar

    last = calendar.monthrange(born.year, born.month)[1]
    bands = _age_bands(born, starts)
    for day in (15, 1, last):
        candidate = born.replace(day=day)
        if _age_bands(candidate, starts) == bands:
            return candidate
    return born.replace(day=15)


def _demand_anonymise(family: Family) -> None:
    parent_user_ids = list(
        Guardian.objects.filter(family=family, user__isnull=False).values_list("user", flat=True)
    )
    Guardian.objects.filter(family=family).update(first_name="", last_name="", email="", phone="", user=None)
    for child in Child.objects.filter(family=family):
        # Keep the month of birth: age bands in the statistics need it, and a month does not identify a child.
        starts = list(ChildcareRequest.objects.filter(child=child).values_list("start_earliest", flat=True))
        child.first_name = ""
        child.birth_date = month_only(child.birth_date, starts) if child.birth_date else None
        child.due_date = month_only(child.due_date, starts) if child.due_date else None
        child.national_number_hash = ""
        child.save(update_fields=["first_name", "birth_date", "due_date", "national_number_hash"])
    ChildcareRequest.objects.filter(child__family=family).update(urgency_reason="", facts_proof_seen="")
    StatusChange.objects.filter(request__child__family=family).update(reason="")
    ErasureRequest.objects.filter(family=family).update(message="")
    for user in User.objects.filter(pk__in=parent_user_ids, roles__isnull=True):
        user.is_active = False
        user.full_name = ""
        user.email = f"anonymised-{user.pk}@invalid"
        user.set_unusable_password()
        user.save(update_fields=["is_active", "full_name", "email", "password"])


def _demand_preview(family: Family) -> list:
    guardians = Guardian.objects.filter(family=family).count()
    children = Child.objects.filter(family=family).count()
    reasons = (
        ChildcareRequest.objects.filter(child__family=family)
        .exclude(urgency_reason="", facts_proof_seen="")
        .count()
    )
    history = StatusChange.objects.filter(request__child__family=family).exclude(reason="").count()
    messages = ErasureRequest.objects.filter(family=family).exclude(message="").count()
    return [
        *counted(
            guardians,
            ngettext(
                "%(count)s parent or guardian: name, e-mail address and phone number.",
                "%(count)s parents or guardians: names, e-mail addresses and phone numbers.",
                guardians,
            ),
        ),
        *counted(
            children,
            ngettext(
                "%(count)s child: first name and national register code; the birth date keeps only its month.",
                "%(count)s children: first names and national register codes; birth dates keep only their month.",
                children,
            ),
        ),
        *counted(
            reasons,
            ngettext(
                "%(count)s request: the reason for urgency and where the proof was seen.",
                "%(count)s requests: the reasons for urgency and where the proof was seen.",
                reasons,
            ),
        ),
        *counted(
            history,
            ngettext(
                "%(count)s reason written with a status change (for example a withdrawal).",
                "%(count)s reasons written with status changes (for example a withdrawal).",
                history,
            ),
        ),
        *counted(
            messages,
            ngettext(
                "%(count)s message sent with an erasure request.",
                "%(count)s messages sent with erasure requests.",
                messages,
            ),
        ),
    ]


register("demand", export=_demand_export, anonymise=_demand_anonymise, preview=_demand_preview)


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
