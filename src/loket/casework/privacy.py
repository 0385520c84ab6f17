"""The casework app's part of a family's data download and of its anonymisation (see loket.privacy.registry)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.core.preview import counted

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


def preview(family) -> list:
    notes = Note.objects.filter(family=family).exclude(text="").count()
    contacts = ContactMoment.objects.filter(family=family).count()
    tasks = Task.objects.filter(family=family).exclude(title="").count()
    referrals = Referral.objects.filter(family=family).count()
    return [
        *counted(notes, ngettext("%(count)s note: its text.", "%(count)s notes: their text.", notes)),
        *counted(
            contacts,
            ngettext(
                "%(count)s contact moment: what was said and the interpreter's language.",
                "%(count)s contact moments: what was said and the interpreter's language.",
                contacts,
            ),
        ),
        *counted(tasks, ngettext("%(count)s task: its title.", "%(count)s tasks: their titles.", tasks)),
        *counted(
            referrals,
            ngettext(
                "%(count)s referral: the message, the shared contact details, how consent was given and the outcome note.",
                "%(count)s referrals: the messages, the shared contact details, how consent was given and the outcome notes.",
                referrals,
            ),
        ),
    ]
