import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_q.models import Schedule

from loket.core.mail import deliver, mail_later, retry_unsent
from loket.core.models import OutgoingMail
from loket.demand.models import ChildcareRequest
from loket.testing.factories import make_request

pytestmark = pytest.mark.django_db


def test_mail_is_sent_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail_later(to=["ouder@example.org"], subject="Uw aanvraag", body="Goed ontvangen.")
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Uw aanvraag"]
    assert OutgoingMail.objects.get().sent_at is not None


def test_a_failed_mail_never_loses_the_submission_and_is_retried(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "loket.testing.mail.UnreachableMailServer"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        request = make_request()
        mail_later(to=["ouder@example.org"], subject="Uw aanvraag", body="Goed ontvangen.")
    assert ChildcareRequest.objects.filter(pk=request.pk).exists()
    stored = OutgoingMail.objects.get()
    assert stored.sent_at is None and stored.attempts == 1 and "unreachable" in stored.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMail.objects.filter(pk=stored.pk).update(created_at=stored.created_at.replace(year=2000))
    assert retry_unsent() == 1
    assert [m.subject for m in mail.outbox] == ["Uw aanvraag"]
    assert deliver(stored.pk) is True  # idempotent: not sent twice
    assert len(mail.outbox) == 1


def test_schedules_are_created_once_for_commands_that_exist():
    call_command("setup_schedules", stdout=__import__("io").StringIO())
    call_command("setup_schedules", stdout=__import__("io").StringIO())
    names = list(Schedule.objects.values_list("name", flat=True))
    assert names.count("mail-retry") == 1
    schedule = Schedule.objects.get(name="mail-retry")
    assert schedule.func == "django.core.management.call_command" and schedule.repeats == -1
