"""Mail through a real relay (issue 20): the outbox delivers over SMTP with STARTTLS and a user name and password, all
taken from settings read from the environment; a permanent refusal (5xx) is noted on the mail as a bounce and not
retried; a bounce reported later is recorded with `record_bounce`."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from loket.core.mail import deliver, mail_later, retry_unsent
from loket.core.models import OutgoingMail
from loket.testing.smtp import smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def relay(tmp_path, monkeypatch):
    with smtp_server(
        tmp_path, username="loket", password="s3cret-relay", refuse={"gone@example.org"}
    ) as server:
        monkeypatch.setenv(
            "SSL_CERT_FILE", server.ca_pem
        )  # the client trusts the test authority, nothing else
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=server.host,
            EMAIL_PORT=server.port,
            EMAIL_USE_TLS=True,
            EMAIL_HOST_USER="loket",
            EMAIL_HOST_PASSWORD="s3cret-relay",
            EMAIL_TIMEOUT=10,
            DEFAULT_FROM_EMAIL="Loket Deinze-Zulte <loket@deinze.example>",
        ):
            yield server


def _stored(to: str) -> OutgoingMail:
    return OutgoingMail.objects.create(to=[to], subject="Uw aanvraag", body="Beste ouder, …")


def test_outbox_mail_goes_through_starttls_and_auth(relay):
    mail = _stored("ouder@example.org")
    assert deliver(mail.pk) is True
    mail.refresh_from_db()
    assert mail.sent_at is not None and mail.bounced_at is None and mail.attempts == 1
    (message,) = relay.mailbox.messages
    assert message["Subject"] == "Uw aanvraag" and message["To"] == "ouder@example.org"
    assert relay.mailbox.envelopes == [("loket@deinze.example", ["ouder@example.org"])]


def test_wrong_password_is_kept_for_retry_not_a_bounce(relay):
    mail = _stored("ouder@example.org")
    with override_settings(EMAIL_HOST_PASSWORD="wrong"):
        assert deliver(mail.pk) is False
    mail.refresh_from_db()
    assert mail.sent_at is None and mail.bounced_at is None
    assert mail.last_error.startswith("SMTPAuthenticationError: (535")
    assert relay.mailbox.messages == []


def test_a_permanent_refusal_is_a_bounce_and_never_retried(relay):
    mail = _stored("gone@example.org")
    assert deliver(mail.pk) is False
    mail.refresh_from_db()
    assert mail.bounced_at is not None and mail.sent_at is None
    assert mail.bounce_reason.startswith("550 5.1.1") and "mailbox unavailable" in mail.bounce_reason
    OutgoingMail.objects.filter(pk=mail.pk).update(created_at=timezone.now() - timezone.timedelta(hours=1))
    assert retry_unsent() == 0
    mail.refresh_from_db()
    assert mail.attempts == 1 and relay.mailbox.messages == []


def test_a_later_bounce_is_recorded_by_address_or_id(relay, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = mail_later(to=["ouder@example.org"], subject="Aanbod", body="…")
    first.refresh_from_db()
    assert first.sent_at is not None
    call_command("record_bounce", "--to", "ouder@example.org", "--reason", "550 5.2.2 mailbox full")
    first.refresh_from_db()
    assert first.bounced_at is not None and first.bounce_reason == "550 5.2.2 mailbox full"

    other = _stored("ander@example.org")
    call_command("record_bounce", "--id", str(other.pk), "--reason", "554 rejected")
    other.refresh_from_db()
    assert other.bounce_reason == "554 rejected"
    assert deliver(other.pk) is False  # a bounced mail is not sent again
    assert len(relay.mailbox.messages) == 1


def test_every_mail_setting_comes_from_the_environment(monkeypatch):
    import importlib

    import loket.conf.base as base

    monkeypatch.setenv("EMAIL_HOST", "relay.gemeente.example")
    monkeypatch.setenv("EMAIL_USE_TLS", "1")
    monkeypatch.setenv("EMAIL_HOST_USER", "loket")
    monkeypatch.setenv("EMAIL_HOST_PASSWORD", "from-the-vault")
    monkeypatch.setenv("EMAIL_TIMEOUT", "12")
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "Loket <loket@gemeente.example>")
    try:
        settings = importlib.reload(base)
        assert (settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL) == (
            "relay.gemeente.example",
            587,
            True,
            False,
        )
        assert (settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD, settings.EMAIL_TIMEOUT) == (
            "loket",
            "from-the-vault",
            12,
        )
        assert settings.DEFAULT_FROM_EMAIL == "Loket <loket@gemeente.example>"
        monkeypatch.setenv("EMAIL_USE_SSL", "1")
        with pytest.raises(Exception, match="not both"):
            importlib.reload(base)
        monkeypatch.delenv("EMAIL_USE_TLS")
        assert importlib.reload(base).EMAIL_PORT == 465
    finally:
        monkeypatch.undo()
        importlib.reload(base)
