"""What a family leaves outside its own file: the mails in the outbox, support questions sent from the same address,
the audit trail's labels and reasons, the sessions and sign-in links of its accounts, unfinished registrations.

An erasure first notes how the family can be recognised (`traces_of`, before its own fields are cleared), then the
preview counts and the erasure removes each of these. Mails to the family's addresses are deleted; mails to others
(the desk, a partner, a provider) keep their existence but lose the family's names, addresses and phone numbers."""

import re
from dataclasses import dataclass, field

from django.contrib.sessions.models import Session
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.audit.models import AuditEvent
from loket.audit.services import pseudonymous_label
from loket.core.models import OutgoingMail

ERASED = "[…]"


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
    from loket.accounts.models import User
    from loket.casework.models import Referral
    from loket.demand.models import Child, Guardian

    traces = Traces(family_id=family.pk, since=family.created_at)
    for guardian in Guardian.objects.filter(family=family):
        if guardian.user_id:
            traces.user_ids.add(guardian.user_id)
        traces.emails.add(guardian.email)
        traces.words.update([guardian.first_name, guardian.last_name, guardian.phone])
        traces.words.add(f"{guardian.first_name} {guardian.last_name}")
    for user in User.objects.filter(pk__in=traces.user_ids):
        traces.emails.add(user.email)
        traces.words.add(user.full_name)
    for referral in Referral.objects.filter(family=family):
        traces.emails.add(referral.shared_email)
        traces.words.update([referral.shared_name, referral.shared_phone])
    traces.words.update(Child.objects.filter(family=family).values_list("first_name", flat=True))
    traces.emails = {
        e.strip().lower() for e in traces.emails if e and e.strip() and not e.endswith(".invalid")
    }
    for question in _questions(traces):
        traces.words.add(question.asker_name)
    traces.words = {w.strip() for w in traces.words if w and len(w.strip()) >= 2} | traces.emails
    return traces


# --- the outbox ------------------------------------------------------------------------------------------------------


def _mails_to_family(traces: Traces):
    if not traces.emails:
        return OutgoingMail.objects.none()
    to = Q()
    for email in traces.emails:
        to |= Q(to_text__icontains=email)
    return OutgoingMail.objects.annotate(to_text=Cast("to", TextField())).filter(to)


def _mails_about_family(traces: Traces):
    if not traces.words:
        return OutgoingMail.objects.none()
    mentions = Q()
    for word in traces.words:
        mentions |= Q(subject__icontains=word) | Q(body__icontains=word) | Q(html__icontains=word)
    return (
        OutgoingMail.objects.filter(created_at__gte=traces.since)
        .filter(mentions)
        .exclude(pk__in=_mails_to_family(traces).values("pk"))
    )


def _redact(text: str, words) -> str:
    # Longest first, so "Sara Peeters" goes as a whole before "Sara" alone; whole words only.
    for word in sorted(words, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", ERASED, text, flags=re.IGNORECASE)
    return text


def outbox_erase(traces: Traces) -> None:
    _mails_to_family(traces).delete()
    for mail in _mails_about_family(traces):
        mail.subject = _redact(mail.subject, traces.words)
        mail.body = _redact(mail.body, traces.words)
        # The HTML part escapes what it quotes: redact the words as written there too.
        mail.html = _redact(_redact(mail.html, traces.words), {escape(word) for word in traces.words})
        mail.save(update_fields=["subject", "body", "html"])


# --- support questions from the same address -------------------------------------------------------------------------


def _questions(traces: Traces):
    from loket.support.models import Question

    if not traces.emails and not traces.user_ids:
        return Question.objects.none()
    same = Q(asker_id__in=traces.user_ids)
    for email in traces.emails:
        same |= Q(asker_email__iexact=email)
    return Question.objects.filter(same)


def support_erase(traces: Traces) -> None:
    from loket.support.models import Attachment, Message

    questions = list(_questions(traces))
    for attachment in Attachment.objects.filter(question__in=questions):
        attachment.file.delete(save=False)
        attachment.delete()
    Message.objects.filter(question__in=questions).update(body="")
    for question in questions:
        question.subject = ""
        question.body = ""
        question.asker_name = ""
        question.asker_email = ""
        question.asker = None
        question.search_tokens = ""
        question.save(
            update_fields=["subject", "body", "asker_name", "asker_email", "asker", "search_tokens"]
        )


# --- the audit trail, sessions, sign-in links, drafts ----------------------------------------------------------------


def _audit_reasons(traces: Traces):
    return AuditEvent.objects.filter(family_id=traces.family_id).exclude(reason="")


def _audit_labels(traces: Traces):
    return AuditEvent.objects.filter(
        Q(actor_id__in=traces.user_ids) | Q(actor_label__in=traces.emails)
    ).exclude(actor_label__startswith="person-")


def audit_erase(traces: Traces) -> None:
    """The trail keeps what happened, when, and by whom as a pseudonymous id; the free text of urgency, withdrawal
    and decline reasons goes (it is in the trail to explain a decision about this family only)."""
    _audit_reasons(traces).update(reason="")
    for user_id in traces.user_ids:
        AuditEvent.objects.filter(actor_id=user_id).update(actor_label=pseudonymous_label(user_id))
    AuditEvent.objects.filter(actor_label__in=traces.emails).update(actor_label=pseudonymous_label(0))


def _sessions(traces: Traces) -> list[str]:
    from django.utils import timezone

    wanted = {str(user_id) for user_id in traces.user_ids}
    if not wanted:
        return []
    return [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) in wanted
    ]


def accounts_erase(traces: Traces) -> None:
    from loket.families.models import RegistrationDraft, SignInLink

    Session.objects.filter(pk__in=_sessions(traces)).delete()
    SignInLink.objects.filter(user_id__in=traces.user_ids).delete()
    drafts = Q(user_id__in=traces.user_ids)
    for email in traces.emails:
        drafts |= Q(data_text__icontains=email)
    RegistrationDraft.objects.annotate(data_text=Cast("data", TextField())).filter(drafts).delete()


def trail_preview(traces: Traces) -> list[str]:
    """The parts of the erasure outside the family's own file, in plain words (only those that apply)."""
    lines = []
    to_family = _mails_to_family(traces).count()
    if to_family:
        lines.append(
            ngettext(
                "%(count)s e-mail to the family in the outbox is deleted.",
                "%(count)s e-mails to the family in the outbox are deleted.",
                to_family,
            )
            % {"count": to_family}
        )
    about = _mails_about_family(traces).count()
    if about:
        lines.append(
            ngettext(
                "%(count)s e-mail to someone else loses the family's names and contact details.",
                "%(count)s e-mails to others lose the family's names and contact details.",
                about,
            )
            % {"count": about}
        )
    questions = _questions(traces).count()
    if questions:
        lines.append(
            ngettext(
                "%(count)s support question sent from the family's address is emptied (name, address, text, files).",
                "%(count)s support questions sent from the family's address are emptied (name, address, text, files).",
                questions,
            )
            % {"count": questions}
        )
    reasons = _audit_reasons(traces).count()
    if reasons:
        lines.append(
            ngettext(
                "%(count)s reason written in the audit trail is removed; the event itself stays.",
                "%(count)s reasons written in the audit trail are removed; the events themselves stay.",
                reasons,
            )
            % {"count": reasons}
        )
    labels = _audit_labels(traces).count()
    if labels:
        lines.append(
            ngettext(
                "%(count)s audit event names the family's account by its address; it gets a number instead.",
                "%(count)s audit events name the family's account by its address; they get a number instead.",
                labels,
            )
            % {"count": labels}
        )
    if traces.user_ids:
        lines.append(_("The family's accounts are closed and signed out everywhere."))
    return lines


def trail_erase(traces: Traces) -> None:
    outbox_erase(traces)
    support_erase(traces)
    audit_erase(traces)
    accounts_erase(traces)
