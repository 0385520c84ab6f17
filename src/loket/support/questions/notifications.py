"""Who hears of what happens to a question, by e-mail through the outbox, each mail with a direct link on the public
host. The asker: received, answered, referred, closed. The assignee (or, when nobody has it, the team): a new question,
the asker's reply, an assignment, a deadline close by. A partner's advisers, personally: a question referred to them and
the asker's replies to it. Mails name the question, never its content: that is read in Loket, signed in."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from loket.accounts.choices import Role
from loket.accounts.selectors import people_with_role, support_agents
from loket.core.links import public_url
from loket.core.mail import mail_template_later

from ..models import Question

QUESTION_SALT = "loket.support.question"


def follow_token(question: Question) -> str:
    return signing.Signer(salt=QUESTION_SALT).sign_object({"q": question.pk, "r": question.reference})


def question_from_token(token: str) -> Question | None:
    try:
        data = signing.Signer(salt=QUESTION_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return Question.objects.filter(pk=data.get("q"), reference=data.get("r")).first()


def follow_link(question: Question) -> str:
    return public_url(reverse("support:follow", args=[follow_token(question)]))


def mail_asker(question: Question, what: str) -> None:
    mail_template_later(
        to=[question.asker_email],
        language=question.language,
        subject_template="support/mail/question_subject.txt",
        body_template="support/mail/question_body.txt",
        context={"question": question, "what": what, "link": follow_link(question)},
    )


def _mail_staff(people, question: Question, what: str, link: str, **context) -> None:
    for person in people:
        mail_template_later(
            to=[person.email],
            language=person.preferred_language,
            subject_template="support/mail/staff_subject.txt",
            body_template="support/mail/staff_body.txt",
            context={
                "question": question,
                "what": what,
                "link": link,
                "name": person.get_short_name(),
                **context,
            },
        )


def mail_desk(question: Question, what: str, *, skip=None, **context) -> None:
    """To the assignee; with nobody assigned, to the team's address (or every agent when the desk has none)."""
    link = public_url(reverse("support:question", args=[question.pk]))
    if question.assignee_id:
        people = [question.assignee] if question.assignee.is_active else []
    elif settings.LOKET_SUPPORT_TEAM_EMAIL:
        mail_template_later(
            to=[settings.LOKET_SUPPORT_TEAM_EMAIL],
            language=settings.LANGUAGE_CODE,
            subject_template="support/mail/staff_subject.txt",
            body_template="support/mail/staff_body.txt",
            context={"question": question, "what": what, "link": link, "name": "", **context},
        )
        return
    else:
        people = list(support_agents())
    _mail_staff([p for p in people if skip is None or p.pk != skip.pk], question, what, link, **context)


def mail_person(person, question: Question, what: str, **context) -> None:
    _mail_staff(
        [person], question, what, public_url(reverse("support:question", args=[question.pk])), **context
    )


def mail_partner(question: Question, what: str, *, adviser=None, **context) -> None:
    """To the chosen adviser, or to every adviser of the partner; to the organisation's address when it has none."""
    if question.partner_id is None:
        return
    link = public_url(reverse("support:partner_question", args=[question.pk]))
    advisers = (
        [adviser]
        if adviser is not None
        else list(people_with_role(Role.PARTNER_ADVISER, partner_id=question.partner_id))
    )
    if advisers:
        _mail_staff(advisers, question, what, link, **context)
    elif question.partner.email:
        mail_template_later(
            to=[question.partner.email],
            language=settings.LANGUAGE_CODE,
            subject_template="support/mail/staff_subject.txt",
            body_template="support/mail/staff_body.txt",
            context={"question": question, "what": what, "link": link, "name": "", **context},
        )
