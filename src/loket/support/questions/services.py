"""Writes of questions, as plain functions: asking, answering, referring, assigning, tagging, merging and closing;
attachments; canned answers; the desk's closing days; the deadline warnings. Each validates, writes an audit event
and tells whoever needs to know (see notifications)."""

import re
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.accounts.choices import Role
from loket.audit.services import audit_record
from loket.core.search import stems, tokens_of

from ..business_time import desk_deadline, desk_deadline_seconds, desk_seconds_between
from ..errors import SupportError
from ..models import (
    Attachment,
    CannedAnswer,
    Channel,
    ClosingDay,
    Message,
    Outcome,
    Question,
    QuestionView,
    ResponseTarget,
    RoutingRule,
    Status,
    Tag,
    Theme,
    Visibility,
)
from . import attachments as files
from .notifications import follow_token, mail_asker, mail_desk, mail_partner, mail_person, question_from_token
from .selectors import questions_from

__all__ = ["follow_token", "question_from_token"]

# Default response-time targets in business hours (a desk sets its own in ResponseTarget).
DEFAULT_TARGET_HOURS = {
    Theme.GENERAL: 8,
    Theme.ENTREPRENEURSHIP: 16,
    Theme.ORGANISATION: 16,
    Theme.PEDAGOGY: 24,
    Theme.INCLUSIVE: 16,
}
SLA_WARNING_BEFORE = timedelta(hours=2)
CLOCK_RUNS = (Status.NEW, Status.REFERRED)


class ChangedMeanwhile(SupportError):
    """Someone else answered or changed the question after the form was opened."""

    def __init__(self, messages):
        super().__init__(_("Someone else worked on this question after you opened it."))
        self.messages = messages


def target_hours(theme: str) -> int:
    target = ResponseTarget.objects.filter(theme=theme).values_list("business_hours", flat=True).first()
    return target if target is not None else DEFAULT_TARGET_HOURS.get(theme, 16)


def _is_person(actor) -> bool:
    return getattr(actor, "is_authenticated", False)


def _index(question: Question) -> None:
    question.search_tokens = tokens_of(
        question.subject,
        question.body,
        question.asker_name,
        question.organiser.name if question.organiser_id else "",
        question.location.name if question.location_id else "",
    )


def _attach(question: Question, uploads, *, actor, message: Message | None, now) -> list[Attachment]:
    """Store checked files through the storage API (the check happened in the form; it is repeated here so every
    door checks)."""
    stored = []
    for upload in uploads or ():
        kind = files.check(upload)
        attachment = Attachment(
            question=question,
            message=message,
            name=files.clean_name(upload.name),
            content_type=kind.content_type,
            size=upload.size,
            uploaded_at=now,
            uploaded_by=actor if _is_person(actor) else None,
        )
        upload.seek(0)
        attachment.file.save(f"file{kind.extension}", upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


@transaction.atomic
def question_ask(
    *,
    subject: str,
    body: str,
    name: str,
    email: str,
    actor,
    theme: str = Theme.GENERAL,
    channel: str = Channel.WEB,
    language: str = "nl",
    is_starter: bool = False,
    organiser=None,
    location=None,
    starter=None,
    attachments=(),
    at=None,
) -> Question:
    """A new question: asked on the web (with or without an account), or logged by an agent from a phone call or a
    regional contact moment. The asker receives a link to follow it; the desk hears of it."""
    now = at or timezone.now()
    asker = actor if channel == Channel.WEB and _is_person(actor) else None
    if location is not None and organiser is None:
        organiser = location.organiser
    if starter is None and asker is not None:
        starter = getattr(asker, "starter", None)
    question = Question(
        subject=subject.strip()[:200],
        body=body.strip(),
        theme=theme,
        channel=channel,
        is_starter=is_starter or starter is not None,
        starter=starter,
        asker=asker,
        asker_name=name.strip(),
        asker_email=email.strip(),
        language=language or "nl",
        organiser=organiser,
        location=location,
        created_at=now,
        updated_at=now,
        created_by=actor if _is_person(actor) else None,
        due_at=desk_deadline(now, target_hours(theme)),
    )
    _index(question)
    question.save()
    _attach(question, attachments, actor=actor, message=None, now=now)
    audit_record(actor=actor, event="support_question.asked", obj=question, channel=channel)
    mail_asker(question, "received")
    mail_desk(question, "new")
    return question


@transaction.atomic
def question_signal(*, organiser, reason: str, actor, location=None) -> Question:
    """The families' desk signals that a provider needs support (for example many unanswered requests): a proactive
    question on the agent's queue, addressed to the organiser."""
    return question_ask(
        subject=str(_("Support offered to %(organiser)s") % {"organiser": organiser.name}),
        body=reason,
        name=organiser.contact_name or organiser.name,
        email=organiser.email or "",
        actor=actor,
        theme=Theme.ORGANISATION,
        channel=Channel.PROACTIVE,
        organiser=organiser,
        location=location,
    )


def _reply_kind(actor, question) -> str:
    from loket.accounts.policies import scope_of

    scope = scope_of(actor)
    if question.partner_id and question.partner_id in scope.partner_ids:
        return Message.Author.PARTNER
    return Message.Author.AGENT


def _resume_clock(question: Question, now) -> None:
    """The clock stood still while waiting for the asker: push the due moment on by the business time that passed."""
    if question.waiting_since is not None:
        paused = desk_seconds_between(question.waiting_since, now)
        question.due_at = desk_deadline_seconds(question.due_at, paused)
        question.waiting_since = None


def _locked(question: Question) -> Question:
    """Lock the question's row for this transaction and bring the caller's object up to date with it."""
    Question.objects.select_for_update().filter(pk=question.pk).values_list("pk", flat=True).first()
    question.refresh_from_db()
    return question


def _check_unchanged(question: Question, *, seen_at, actor) -> None:
    """Refuse when someone other than `actor` wrote in the thread after `seen_at` (the moment the form was opened)."""
    if seen_at is None:
        return
    newer = question.messages.filter(created_at__gt=seen_at).exclude(author=actor).select_related("author")
    newer = list(newer)
    if newer:
        raise ChangedMeanwhile(newer)


@transaction.atomic
def question_answer(
    *,
    question: Question,
    body: str,
    actor,
    visibility: str = Visibility.PUBLIC,
    wait_for_asker: bool = False,
    attachments=(),
    seen_at: datetime | None = None,
    at=None,
) -> Message:
    """An agent or a partner's adviser writes in the thread. A note (internal, or for the partner) changes nothing for
    the asker; an answer marks the question answered (or waiting for the asker, which stops the clock) and mails the
    asker. `seen_at` is when the writer opened the question: if someone else wrote since, ChangedMeanwhile is raised
    and nothing is saved. An agent who answers a question nobody has takes it."""
    now = at or timezone.now()
    question = _locked(question)
    if question.status == Status.CLOSED:
        raise SupportError(_("This question is closed."))
    _check_unchanged(question, seen_at=seen_at, actor=actor)
    kind = _reply_kind(actor, question)
    if kind == Message.Author.PARTNER and visibility == Visibility.INTERNAL:
        visibility = Visibility.PARTNER  # a partner's note is read by the partner and the desk
    message = Message.objects.create(
        question=question,
        author_kind=kind,
        author=actor if _is_person(actor) else None,
        body=body.strip(),
        visibility=visibility,
        created_at=now,
    )
    _attach(question, attachments, actor=actor, message=message, now=now)
    question.updated_at = now
    if kind == Message.Author.AGENT and question.assignee_id is None and _is_person(actor):
        question.assignee = actor
    if visibility == Visibility.PUBLIC:
        if question.first_answered_at is None:
            question.first_answered_at = now
        if wait_for_asker:
            question.status = Status.WAITING
            question.waiting_since = now
        else:
            _resume_clock(question, now)
            question.status = Status.ANSWERED
    question.save()
    if visibility == Visibility.PUBLIC:
        mail_asker(question, "answered")
    audit_record(actor=actor, event="support_question.answered", obj=question, visibility=visibility)
    return message


@transaction.atomic
def question_asker_reply(*, question: Question, body: str, actor=None, attachments=(), at=None) -> Message:
    """The asker writes back (through their link or account): the question goes back on the queue with a new
    target (or the paused clock runs again), and whoever has it hears of it."""
    now = at or timezone.now()
    question = _locked(question)
    if question.status == Status.CLOSED:
        raise SupportError(_("This question is closed."))
    message = Message.objects.create(
        question=question,
        author_kind=Message.Author.ASKER,
        author=actor if _is_person(actor) else None,
        body=body.strip(),
        created_at=now,
    )
    _attach(question, attachments, actor=actor, message=message, now=now)
    if question.status == Status.WAITING:
        _resume_clock(question, now)
    elif question.status == Status.ANSWERED:
        question.due_at = desk_deadline(now, target_hours(question.theme))
        question.sla_warned_at = None
    question.status = Status.REFERRED if question.partner_id else Status.NEW
    question.updated_at = now
    question.save()
    mail_desk(question, "reply")
    mail_partner(question, "reply")
    audit_record(actor=actor, event="support_question.asker_replied", obj=question)
    return message


def suggest_partner(question: Question):
    """The partner the routing rules send this question to, or None."""
    words = set(stems(f"{question.subject} {question.body}"))
    for rule in RoutingRule.objects.filter(theme=question.theme).select_related("partner"):
        keywords = [k.strip() for k in rule.keywords.split(",") if k.strip()]
        if not keywords or any(set(stems(k)) and set(stems(k)) <= words for k in keywords):
            return rule.partner
    return None


@transaction.atomic
def question_refer(*, question: Question, partner, actor, note: str = "", adviser=None, at=None) -> Question:
    """Route the question to a partner organisation. The asker reads that it is with the partner; the note is for
    the partner only (and the desk). The partner's advisers (or the chosen one) are mailed personally."""
    now = at or timezone.now()
    question = _locked(question)
    if question.status == Status.CLOSED:
        raise SupportError(_("This question is closed."))
    question.partner = partner
    question.referred_at = now
    question.status = Status.REFERRED
    question.updated_at = now
    _resume_clock(question, now)
    question.save()
    Message.objects.create(
        question=question,
        author_kind=Message.Author.SYSTEM,
        author=actor if _is_person(actor) else None,
        body=str(_("Referred to %(partner)s.") % {"partner": partner.name}),
        created_at=now,
    )
    if note.strip():
        Message.objects.create(
            question=question,
            author_kind=Message.Author.AGENT,
            author=actor if _is_person(actor) else None,
            body=note.strip(),
            visibility=Visibility.PARTNER,
            created_at=now,
        )
    audit_record(actor=actor, event="support_question.referred", obj=question, partner_id=partner.pk)
    mail_partner(question, "referred", adviser=adviser, has_note=bool(note.strip()))
    mail_asker(question, "referred")
    return question


@transaction.atomic
def question_assign(*, question: Question, assignee, actor, at=None) -> Question:
    """Give the question to a support agent (or to nobody). The new assignee is mailed unless they took it."""
    from loket.accounts.policies import scope_of

    now = at or timezone.now()
    question = _locked(question)
    if assignee is not None and not scope_of(assignee).has(Role.SUPPORT_AGENT):
        raise SupportError(_("Only a support agent can be assigned a question."))
    if question.assignee_id == (assignee.pk if assignee else None):
        return question
    question.assignee = assignee
    question.updated_at = now
    question.save(update_fields=["assignee", "updated_at"])
    audit_record(
        actor=actor,
        event="support_question.assigned",
        obj=question,
        assignee_id=assignee.pk if assignee else None,
    )
    if assignee is not None and (not _is_person(actor) or actor.pk != assignee.pk):
        mail_person(
            assignee, question, "assigned", by=actor.get_full_name() if _is_person(actor) else "Loket"
        )
    return question


def tag_names(text: str) -> list[str]:
    """ "ikt, Opstart ,ikt" → ["ikt", "opstart"]: lower case, at most 40 characters, no repeats."""
    names = [re.sub(r"\s+", " ", part).strip().lower()[:40] for part in (text or "").split(",")]
    return list(dict.fromkeys(n for n in names if n))[:10]


@transaction.atomic
def question_set_tags(*, question: Question, names: list[str], actor) -> Question:
    tags = [Tag.objects.get_or_create(name=name)[0] for name in names]
    question.tags.set(tags)
    Question.objects.filter(pk=question.pk).update(updated_at=timezone.now())
    audit_record(actor=actor, event="support_question.tagged", obj=question, tags=[t.pk for t in tags])
    return question


@transaction.atomic
def question_merge(*, source: Question, target: Question, actor, at=None) -> Question:
    """Merge `source` into `target` (the same asker asked twice): its messages and files move over, its tags are
    added, and it is closed as merged. The asker's link to `source` leads to `target`."""
    now = at or timezone.now()
    if source.pk == target.pk:
        raise SupportError(_("A question cannot be merged into itself."))
    source, target = _locked(source), _locked(target)
    if source.asker_email.strip().lower() != target.asker_email.strip().lower():
        raise SupportError(_("Only questions of the same asker can be merged."))
    if target.status == Status.CLOSED:
        raise SupportError(_("Merge into a question that is still open."))
    Message.objects.create(
        question=target,
        author_kind=Message.Author.SYSTEM,
        author=actor if _is_person(actor) else None,
        body=str(
            _("Question %(ref)s (“%(subject)s”) was merged into this one:")
            % {"ref": source.reference, "subject": source.subject}
        )
        + f"\n\n{source.body}",
        created_at=now,
    )
    source.messages.update(question=target)
    source.attachments.update(question=target)
    target.tags.add(*source.tags.all())
    target.updated_at = now
    if target.status in (Status.ANSWERED, Status.WAITING) and source.status in CLOCK_RUNS:
        _resume_clock(target, now)
        target.status = Status.REFERRED if target.partner_id else Status.NEW
        target.due_at = min(target.due_at, source.due_at)
    target.search_tokens = tokens_of(target.search_tokens, source.search_tokens)
    target.save()
    source.status = Status.CLOSED
    source.outcome = Outcome.MERGED
    source.closed_at = now
    source.merged_into = target
    source.waiting_since = None
    source.updated_at = now
    source.save()
    audit_record(actor=actor, event="support_question.merged", obj=source, into=target.pk)
    return target


@transaction.atomic
def question_plan_coaching(*, question: Question, on, note: str, actor, at=None) -> Question:
    now = at or timezone.now()
    Question.objects.filter(pk=question.pk).update(coaching_on=on)
    body = str(_("Coaching planned on %(date)s.") % {"date": on.strftime("%d/%m/%Y")})
    question_answer(question=question, body=f"{body}\n\n{note}".strip(), actor=actor, at=now)
    question.refresh_from_db()
    return question


@transaction.atomic
def question_close(*, question: Question, outcome: str, actor, article=None, at=None) -> Question:
    now = at or timezone.now()
    question = _locked(question)
    if question.status == Status.CLOSED:
        return question
    question.status = Status.CLOSED
    question.closed_at = now
    question.updated_at = now
    question.outcome = outcome
    question.waiting_since = None
    if article is not None:
        question.article = article
    question.save()
    audit_record(actor=actor, event="support_question.closed", obj=question, outcome=outcome)
    if outcome != Outcome.ARTICLE:
        mail_asker(question, "closed")
    return question


@transaction.atomic
def question_solved_by_article(*, question: Question, article, actor=None, at=None) -> Question:
    """'This answered my question': the asker closes the question themselves and the article counts as helpful."""
    from ..knowledge.services import article_vote

    if question.status != Status.CLOSED:
        article_vote(article=article, helpful=True)
        Message.objects.create(
            question=question,
            author_kind=Message.Author.SYSTEM,
            body=str(_("The asker found the answer in “%(title)s”.") % {"title": article.title_nl}),
            created_at=at or timezone.now(),
        )
        question_close(question=question, outcome=Outcome.ARTICLE, actor=actor, article=article, at=at)
    return question


def question_seen(*, question: Question, user, at=None) -> None:
    """Remember that `user` has the question open now (shown to the others as 'X has this question open')."""
    QuestionView.objects.update_or_create(
        question=question, user=user, defaults={"seen_at": at or timezone.now()}
    )


def deadline_warnings_send(*, now=None) -> int:
    """The scheduled job: questions whose answer is due within two hours, clock running, not warned yet: the
    assignee (or the team) is mailed once."""
    now = now or timezone.now()
    due = Question.objects.filter(
        status__in=CLOCK_RUNS,
        sla_warned_at__isnull=True,
        due_at__gt=now,
        due_at__lte=now + SLA_WARNING_BEFORE,
    ).select_related("assignee", "partner")
    sent = 0
    for question in due:
        with transaction.atomic():
            if Question.objects.filter(pk=question.pk, sla_warned_at__isnull=True).update(sla_warned_at=now):
                if question.status == Status.REFERRED:
                    mail_partner(question, "sla")
                else:
                    mail_desk(question, "sla")
                sent += 1
    return sent


# --- canned answers ----------------------------------------------------------------------------------------------

PLACEHOLDERS = ("naam", "organisator", "locatie", "referentie", "medewerker")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def canned_placeholders_check(body: str) -> None:
    unknown = sorted({name for name in _PLACEHOLDER.findall(body) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. You can use %(known)s."),
            params={
                "names": ", ".join(f"{{{n}}}" for n in unknown),
                "known": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
            },
        )


@transaction.atomic
def canned_save(*, data: dict, actor, canned: CannedAnswer | None = None) -> CannedAnswer:
    canned_placeholders_check(data.get("body", canned.body if canned else ""))
    canned = canned or CannedAnswer()
    created = canned.pk is None
    for field in ("title", "body", "theme", "retired"):
        if field in data:
            setattr(canned, field, data[field])
    canned.updated_at = timezone.now()
    canned.updated_by = actor if _is_person(actor) else None
    canned.search_tokens = tokens_of(canned.title, canned.body)
    canned.full_clean()
    canned.save()
    audit_record(
        actor=actor, event="support_canned.created" if created else "support_canned.changed", obj=canned
    )
    return canned


def canned_fill(canned: CannedAnswer, *, question: Question, agent) -> tuple[str, list[str]]:
    """The canned answer with its placeholders filled from the question, and the placeholders that had no value."""
    values = {
        "naam": question.asker_name,
        "organisator": question.organiser.name if question.organiser_id else "",
        "locatie": question.location.name if question.location_id else "",
        "referentie": question.reference,
        "medewerker": agent.get_full_name() if _is_person(agent) else "",
    }
    missing = []

    def fill(match):
        name = match.group(1)
        if name not in values:
            return match.group(0)
        if not values[name]:
            missing.append(name)
        return values[name]

    return _PLACEHOLDER.sub(fill, canned.body), sorted(set(missing))


# --- the desk's closing days -------------------------------------------------------------------------------------


@transaction.atomic
def closing_day_add(*, day, reason: str, actor) -> ClosingDay:
    closing, _created = ClosingDay.objects.update_or_create(day=day, defaults={"reason": reason.strip()})
    audit_record(actor=actor, event="support_closing_day.added", obj=closing)
    return closing


@transaction.atomic
def closing_day_remove(*, closing: ClosingDay, actor) -> None:
    audit_record(actor=actor, event="support_closing_day.removed", obj=closing)
    closing.delete()


@transaction.atomic
def questions_forget(*, user_ids, emails) -> None:
    """At a family's erasure: the questions asked from its accounts or addresses keep their existence (the figures
    count them) but lose the asker, the texts and the files."""
    questions = list(questions_from(user_ids=user_ids, emails=emails))
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
