"""The casework app's part of a family's data download and of its anonymisation (see loket.privacy.registry)."""

from django.utils.translation import gettext as _

from .models import ContactMoment, Note, Referral, Task


def export(family) -> dict:
    return {
        _("Notes of the desk"): [
            {_("at"): n.at, _("note"): n.text} for n in Note.objects.filter(family=family)
        ],
        _("Contacts with the desk"): [
            {
                _("at"): c.at,
                _("kind of contact"): c.get_kind_display(),
                _("an interpreter was used"): _("yes") if c.interpreter_used else _("no"),
                _("what was said or agreed"): c.summary,
            }
            for c in ContactMoment.objects.filter(family=family)
        ],
        _("Tasks of the desk"): [
            {_("what must be done"): t.title, _("due date"): t.due_on, _("done at"): t.done_at}
            for t in Task.objects.filter(family=family)
        ],
        _("Referrals"): [
            {
                _("partner"): r.partner.name,
                _("need"): r.get_need_display(),
                _("referred at"): r.created_at,
                _("how consent was given"): r.consent_how,
                _("message for the partner"): r.message,
                _("name shared with the partner"): r.shared_name,
                _("phone number shared with the partner"): r.shared_phone,
                _("e-mail address shared with the partner"): r.shared_email,
                _("status"): r.get_status_display(),
                _("outcome"): r.get_outcome_display() if r.outcome else "",
            }
            for r in Referral.objects.filter(family=family).select_related("partner")
        ],
    }


def anonymise(family) -> None:
    Note.objects.filter(family=family).update(text="")
    ContactMoment.objects.filter(family=family).update(summary="", interpreter_language="")
    Task.objects.filter(family=family).update(title="")
    Referral.objects.filter(family=family).update(
        message="", shared_name="", shared_phone="", shared_email="", consent_how="", outcome_note=""
    )
