"""Sending mail through the outbox: `mail_later` inside the transaction, delivery by the task queue after it.

Every mail has a plain-text and an HTML part, both from one template (`<app>/templates/<app>/mail/`): rendered once
with autoescaping off for the text part (names come out as typed: `D'Hooghe & Zonen`) and once with autoescaping on
for the HTML part, whose paragraphs go into the desk's branded frame (`core/mail/frame.html`: name, logo, colour,
contact). `{% mail_button url label %}` (library `loket_mail`) is the mail's action: the bare address in the text,
a button in the HTML. The sender is the desk (its name before the installation's address, replies to the desk)."""

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .models import OutgoingMail
from .templatetags.loket_mail import BUTTON_MARK

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def mail_later(
    *, to: list[str], subject: str, body: str, html: str = "", from_email: str = "", reply_to=()
) -> OutgoingMail:
    """Store a mail and send it once the surrounding transaction commits."""
    mail = OutgoingMail.objects.create(
        to=list(to),
        subject=subject[:300],
        body=body,
        html=html,
        from_email=from_email[:300],
        reply_to=list(reply_to),
    )
    transaction.on_commit(lambda: enqueue_delivery(mail.pk))
    return mail


def mail_template_later(
    *, to: list[str], language: str, subject_template: str, body_template: str, context: dict, desk=None
):
    """Render a mail in the recipient's language (not the language of whoever caused it) and store it. `desk` (or
    the context's `desk`) signs it: its name, logo and colour in the HTML part, its name as the sender."""
    desk = desk or context.get("desk")
    rendered = render_mail(
        language=language,
        subject_template=subject_template,
        body_template=body_template,
        context=context,
        desk=desk,
    )
    return mail_later(
        to=to,
        subject=rendered.subject,
        body=rendered.text,
        html=rendered.html,
        from_email=sender(desk),
        reply_to=[desk.email] if desk is not None and getattr(desk, "email", "") else [],
    )


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def render_mail(
    *, language: str, subject_template: str, body_template: str, context: dict, desk=None
) -> RenderedMail:
    """Both parts of a mail from its one body template (and its subject), in `language`."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(_render(subject_template, context, html=False).split())
        text = re.sub(r"\n{3,}", "\n\n", _render(body_template, context, html=False)).strip() + "\n"
        buttons: list[tuple[str, str]] = []
        body = _render(body_template, {**context, "mail_buttons": buttons}, html=True)
        colour = _colour(desk)
        html = render_to_string(
            "core/mail/frame.html",
            {
                "subject": subject,
                "body": mark_safe(_html_paragraphs(body, buttons, colour)),  # noqa: S308 - escaped when rendered
                "desk": desk,
                "colour": colour,
                "logo_url": _logo_url(desk),
                "language": translation.get_language(),
                "bidi": translation.get_language_bidi(),
            },
        )
    return RenderedMail(subject=subject, text=text, html=html)


def _render(name: str, context: dict, *, html: bool) -> str:
    template = get_template(name).template
    return template.render(Context({**context, "mail_html": html}, autoescape=html))


_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")
_BUTTON = re.compile(BUTTON_MARK.format(r"(\d+)"))


def _html_paragraphs(escaped: str, buttons: list[tuple[str, str]], colour: str) -> str:
    """The HTML of an escaped text: a paragraph per block of lines, addresses as links, action marks as buttons."""
    out = []
    for block in re.split(r"\n\s*\n", escaped.strip()):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and _BUTTON.fullmatch(lines[0]):
            out.append(_button(*buttons[int(_BUTTON.fullmatch(lines[0]).group(1))], colour))
            continue
        html = "<br>\n".join(
            _BUTTON.sub(lambda m: _inline(*buttons[int(m.group(1))]), _URL.sub(_link, line)) for line in lines
        )
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{line[2:]}</li>" for line in html.split("<br>\n"))
            out.append(f'<ul style="margin:0 0 16px;padding-inline-start:24px">{items}</ul>')
        else:
            out.append(f'<p style="margin:0 0 16px">{html}</p>')
    return "\n".join(out)


def _link(match) -> str:
    url = match.group(0)
    return f'<a href="{url}" dir="ltr" style="color:inherit;word-break:break-all">{url}</a>'


# Loket's own colour: the frame of mails no desk signs, and a new desk's colour until it chooses one.
LOKET_COLOUR = "#00566b"


def _inline(url: str, label: str) -> str:
    return f'<a href="{escape(url)}">{escape(label)}</a>'


def _button(url: str, label: str, colour: str) -> str:
    # A button is a styled link (works in every mail program); the address repeated below for those that drop styles.
    return (
        '<p style="margin:8px 0 24px"><a class="mail-button" href="{url}" style="display:inline-block;'
        "background:{colour};color:#ffffff;font-weight:bold;text-decoration:none;padding:12px 20px;"
        'border-radius:4px;border:2px solid {colour}">{label}</a></p>\n'
        '<p style="margin:0 0 16px;font-size:14px;color:#444444">{fallback}<br>'
        '<a href="{url}" dir="ltr" style="color:#444444;word-break:break-all">{url}</a></p>'
    ).format(url=escape(url), label=escape(label), colour=colour, fallback=escape(_button_fallback()))


def _button_fallback() -> str:
    return gettext("Does the button not work? Copy this address into your browser:")


def _colour(desk) -> str:
    # The desk knows its readable colour and its logo's address (areas.Desk); core asks, it does not import areas.
    return getattr(desk, "readable_colour", "") or LOKET_COLOUR


def _logo_url(desk) -> str:
    return getattr(desk, "logo_url", "") or ""


def sender(desk=None) -> str:
    """From: the desk's name before the installation's own address (DEFAULT_FROM_EMAIL), so mails pass the relay's
    sender checks; replies go to the desk's address (set as Reply-To by `mail_template_later`)."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if desk is not None and getattr(desk, "name", ""):
        return formataddr((desk.name, address))
    return settings.DEFAULT_FROM_EMAIL


def enqueue_delivery(mail_id: int) -> None:
    from django_q.tasks import async_task

    async_task("loket.core.mail.deliver", mail_id, task_name=f"mail-{mail_id}")


def deliver(mail_id: int) -> bool:
    """Send one stored mail; on failure keep it for the next retry. Idempotent: a sent mail is not sent again."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        if mail.sent_at is not None or mail.bounced_at is not None:
            return mail.sent_at is not None
        mail.attempts += 1
        try:
            message = EmailMultiAlternatives(
                mail.subject,
                mail.body,
                mail.from_email or settings.DEFAULT_FROM_EMAIL,
                mail.to,
                reply_to=mail.reply_to or None,
            )
            if mail.html:
                message.attach_alternative(mail.html, "text/html")
            message.send()
        except (
            Exception
        ) as error:  # any transport failure is kept; a permanent refusal is a bounce, the rest is retried
            mail.last_error = f"{type(error).__name__}: {error}"[:500]
            refusal = permanent_refusal(error)
            if refusal:
                mail.bounced_at = timezone.now()
                mail.bounce_reason = refusal[:500]
                mail.save(update_fields=["attempts", "last_error", "bounced_at", "bounce_reason"])
                log.warning("mail.bounced", extra={"mail_id": mail.pk, "smtp_reply": refusal[:3]})
                return False
            mail.save(update_fields=["attempts", "last_error"])
            log.warning("mail.delivery_failed", extra={"mail_id": mail.pk, "attempts": mail.attempts})
            return False
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "sent_at", "last_error"])
    return True


def permanent_refusal(error: Exception) -> str:
    """The relay's reply when it refused this mail for good (SMTP 5xx for its recipient or its content); empty for
    failures worth retrying: 4xx, connection trouble, and refusals of Loket's own account or sender address (a
    settings problem that, once fixed, lets the mail through)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        if replies and all(code >= 500 for code, _message in replies):
            code, message = replies[0]
            return f"{code} {_text(message)}"
        return ""
    if isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500:
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return ""


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)


def record_bounce(*, mail_id: int, reason: str) -> OutgoingMail:
    """Note that a mail bounced after the relay accepted it (a delivery status notification, the relay's report).
    The mail stays as it was sent; staff see it bounced and why."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        mail.bounced_at = timezone.now()
        mail.bounce_reason = reason.strip()[:500] or "bounced"
        mail.save(update_fields=["bounced_at", "bounce_reason"])
    log.info("mail.bounce_recorded", extra={"mail_id": mail.pk})
    return mail


def outbox_newest_id() -> int:
    """The id of the newest mail in the outbox (0 when it is empty): where a batch of writing starts."""
    return OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def outbox_hold_since(mail_id: int, *, at=None) -> int:
    """Mark the mails written after `mail_id` as sent without sending them: a demo's history, whose mails describe
    conversations that never happened, must not leave the outbox. Returns how many."""
    return OutgoingMail.objects.filter(pk__gt=mail_id, sent_at__isnull=True).update(
        sent_at=at or timezone.now()
    )


def retry_unsent(older_than: timedelta = timedelta(minutes=5)) -> int:
    """The periodic safety net: mails whose delivery task failed or never ran (never those refused for good)."""
    cutoff = timezone.now() - older_than
    pending = OutgoingMail.objects.filter(
        sent_at__isnull=True, bounced_at__isnull=True, attempts__lt=MAX_ATTEMPTS, created_at__lt=cutoff
    )
    return sum(deliver(pk) for pk in pending.values_list("pk", flat=True))


# Sent mails are kept this long (to answer "did you send it?"), then deleted: they may describe a family's situation.
MAIL_KEEP_DAYS = 90


def outbox_purge(*, now=None) -> int:
    """Delete mails sent more than MAIL_KEEP_DAYS ago; unsent ones stay for the retries. Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=MAIL_KEEP_DAYS)
    return OutgoingMail.objects.filter(sent_at__lt=cutoff).delete()[0]


# --- forgetting a person (a family's erasure) ------------------------------------------------------------------------

ERASED = "[…]"


def mails_to(emails) -> QuerySet[OutgoingMail]:
    """Mails in the outbox addressed to any of these addresses (`to` is a list: matched as text)."""
    if not emails:
        return OutgoingMail.objects.none()
    to = Q()
    for email in emails:
        to |= Q(to_text__icontains=email)
    return OutgoingMail.objects.annotate(to_text=Cast("to", TextField())).filter(to)


def mails_mentioning(words, *, since, emails=()) -> QuerySet[OutgoingMail]:
    """Mails written since `since` to others than `emails` whose subject or text holds any of these words."""
    if not words:
        return OutgoingMail.objects.none()
    mentions = Q()
    for word in words:
        mentions |= Q(subject__icontains=word) | Q(body__icontains=word) | Q(html__icontains=word)
    return (
        OutgoingMail.objects.filter(created_at__gte=since)
        .filter(mentions)
        .exclude(pk__in=mails_to(emails).values("pk"))
    )


def _redact(text: str, words) -> str:
    # Longest first, so "Sara Peeters" goes as a whole before "Sara" alone; whole words only.
    for word in sorted(words, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", ERASED, text, flags=re.IGNORECASE)
    return text


def mails_forget(*, emails, words, since) -> None:
    """Mails to these addresses are deleted; mails to others since `since` keep their existence but lose these words
    (names, addresses, phone numbers)."""
    about = list(mails_mentioning(words, since=since, emails=emails))
    mails_to(emails).delete()
    for mail in about:
        mail.subject = _redact(mail.subject, words)
        mail.body = _redact(mail.body, words)
        # The HTML part escapes what it quotes: redact the words as written there too.
        mail.html = _redact(_redact(mail.html, words), {escape(word) for word in words})
        mail.save(update_fields=["subject", "body", "html"])
