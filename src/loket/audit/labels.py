"""Plain-language names of audit events, for the family's "who viewed my file" page and the desk's trail. An event
without a label here is shown by its code."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "request.registered": _("registered the request"),
    "request.viewed": _("viewed the request"),
    "request.status_changed": _("changed the status"),
    "request.choices_changed": _("changed the choices"),
    "request.urgency_set": _("marked the request urgent"),
    "request.urgency_lifted": _("lifted the urgency"),
    "case.viewed": _("viewed the file"),
    "family.exported": _("downloaded the data"),
    "family.erasure_requested": _("asked to erase the data"),
    "family.anonymised": _("anonymised the file"),
}


def event_label(code: str) -> str:
    return str(EVENT_LABELS.get(code, code))
