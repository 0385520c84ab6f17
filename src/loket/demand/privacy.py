"""What the demand app holds about a family (its parents, children, requests and their history), for the family's
download and for erasure (see loket.privacy.registry). Statistics survive: statuses, dates, areas and priority facts
stay; names, contact details and free text go, and a date of birth keeps only its month."""

import calendar

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.core.preview import counted

from .ages import age_bands
from .models import Child, ChildcareRequest, Guardian, StatusChange
from .priority import FACT_LABELS


def export(family) -> dict:
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


def month_only(born, starts):
    """The date of birth generalised to its month: the 15th, or (when the real day is near a band's edge) the first
    or last day of the month, whichever keeps every request of the child in the same age band of the reports. The
    anonymous figures stay exactly the same; the day of birth is gone."""
    last = calendar.monthrange(born.year, born.month)[1]
    bands = age_bands(born, starts)
    for day in (15, 1, last):
        candidate = born.replace(day=day)
        if age_bands(candidate, starts) == bands:
            return candidate
    return born.replace(day=15)


def anonymise(family) -> None:
    """The parents' names and contact details go, and so does the link to their accounts (accounts closes those:
    `accounts.services.family_accounts_close`, called by the erasure with the ids it noted first). The family is
    marked anonymised: its access code no longer works and it is no longer found by name (`search.key_values`)."""
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
    family.access_code_hash = ""
    family.anonymised_at = timezone.now()
    family.save(update_fields=["access_code_hash", "anonymised_at"])


def preview(family) -> list:
    guardians = Guardian.objects.filter(family=family).count()
    children = Child.objects.filter(family=family).count()
    reasons = (
        ChildcareRequest.objects.filter(child__family=family)
        .exclude(urgency_reason="", facts_proof_seen="")
        .count()
    )
    history = StatusChange.objects.filter(request__child__family=family).exclude(reason="").count()
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
    ]
