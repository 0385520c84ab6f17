"""What a family leaves outside its own file: the mails in the outbox, support questions sent from the same address,
the audit trail's labels and reasons, the sessions and sign-in links of its accounts, unfinished registrations.

An erasure first notes how the family can be recognised (`traces_of`, before its own fields are cleared), then the
preview counts and the erasure removes each of these, each through the app that holds it. Mails to the family's
addresses are deleted; mails to others (the desk, a partner, a provider) keep their existence but lose the family's
names, addresses and phone numbers."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.accounts.selectors import people
from loket.accounts.services import family_accounts_close
from loket.audit.selectors import events_naming, reasons_about
from loket.audit.services import audit_forget
from loket.casework.selectors import referral_contacts
from loket.core.mail import mails_forget, mails_mentioning, mails_to
from loket.core.preview import counted
from loket.demand.selectors import child_first_names, guardians_of
from loket.families.services import sign_in_forget
from loket.support.selectors import questions_from
from loket.support.services import questions_forget


@dataclass
class Traces:
    """How the family can be recognised elsewhere: its accounts, its addresses, and the words (names, phone numbers)
    that texts written about it to others may hold."""

    family_id: int
    since: object  # when the family first appeared: nothing older can mention it
    user_ids: set[int] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)


def traces_of(family) -> Traces:
    traces = Traces(family_id=family.pk, since=family.created_at)
    for guardian in guardians_of(family):
        if guardian.user_id:
            traces.user_ids.add(guardian.user_id)
        traces.emails.add(guardian.email)
        traces.words.update([guardian.first_name, guardian.last_name, guardian.phone])
        traces.words.add(f"{guardian.first_name} {guardian.last_name}")
    for user in people(traces.user_ids):
        traces.emails.add(user.email)
        traces.words.add(user.full_name)
    for name, phone, email in referral_contacts(family):
        traces.emails.add(email)
        traces.words.update([name, phone])
    traces.words.update(child_first_names(family))
    traces.emails = {
        e.strip().lower() for e in traces.emails if e and e.strip() and not e.endswith(".invalid")
    }
    for question in _questions(traces):
        traces.words.add(question.asker_name)
    traces.words = {w.strip() for w in traces.words if w and len(w.strip()) >= 2} | traces.emails
    return traces


def _questions(traces: Traces):
    return questions_from(user_ids=traces.user_ids, emails=traces.emails)


def trail_preview(traces: Traces) -> list[str]:
    """The parts of the erasure outside the family's own file, in plain words (only those that apply)."""
    to_family = mails_to(traces.emails).count()
    about = mails_mentioning(traces.words, since=traces.since, emails=traces.emails).count()
    questions = _questions(traces).count()
    reasons = reasons_about(traces.family_id).count()
    labels = events_naming(user_ids=traces.user_ids, emails=traces.emails).count()
    return [
        *counted(
            to_family,
            ngettext(
                "%(count)s e-mail to the family in the outbox is deleted.",
                "%(count)s e-mails to the family in the outbox are deleted.",
                to_family,
            ),
        ),
        *counted(
            about,
            ngettext(
                "%(count)s e-mail to someone else loses the family's names and contact details.",
                "%(count)s e-mails to others lose the family's names and contact details.",
                about,
            ),
        ),
        *counted(
            questions,
            ngettext(
                "%(count)s support question sent from the family's address is emptied (name, address, text, files).",
                "%(count)s support questions sent from the family's address are emptied (name, address, text, files).",
                questions,
            ),
        ),
        *counted(
            reasons,
            ngettext(
                "%(count)s reason written in the audit trail is removed; the event itself stays.",
                "%(count)s reasons written in the audit trail are removed; the events themselves stay.",
                reasons,
            ),
        ),
        *counted(
            labels,
            ngettext(
                "%(count)s audit event names the family's account by its address; it gets a number instead.",
                "%(count)s audit events name the family's account by its address; they get a number instead.",
                labels,
            ),
        ),
        *([_("The family's accounts are closed and signed out everywhere.")] if traces.user_ids else []),
    ]


def trail_erase(traces: Traces) -> None:
    mails_forget(emails=traces.emails, words=traces.words, since=traces.since)
    questions_forget(user_ids=traces.user_ids, emails=traces.emails)
    audit_forget(family_id=traces.family_id, user_ids=traces.user_ids, emails=traces.emails)
    family_accounts_close(user_ids=traces.user_ids)
    sign_in_forget(user_ids=traces.user_ids, emails=traces.emails)
