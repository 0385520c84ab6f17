from io import StringIO

import pytest
from django.core.management import call_command

from loket.core.models import OutgoingMail
from loket.support.models import Article, Event, Question, RegistrationStatus, Status

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_every_part_of_the_desk(client):
    call_command("load_demo", requests=20, stdout=StringIO())  # calls load_support_demo
    counts = (Article.objects.count(), Question.objects.count(), Event.objects.count())
    assert counts[0] >= 10 and counts[1] >= 9 and counts[2] >= 5
    assert {s for s in Question.objects.values_list("status", flat=True)} >= {
        Status.NEW,
        Status.REFERRED,
        Status.WAITING,
        Status.CLOSED,
        Status.ANSWERED,
    }
    assert Event.objects.filter(registrations__status=RegistrationStatus.WAITING).exists()
    assert not OutgoingMail.objects.filter(sent_at__isnull=True, body__contains="VoorZet").exists()
    call_command("load_support_demo", stdout=StringIO())
    assert (Article.objects.count(), Question.objects.count(), Event.objects.count()) == counts

    client.login(username="partner@loket.demo", password="Loket-demo-2026")
    assert "Overname van een crèche" in client.get("/voorzet/partner/").content.decode()
    client.login(username="voorzet@loket.demo", password="Loket-demo-2026")
    page = client.get("/ondersteuning/").content.decode()
    assert "Teamoverleg organiseren" in page
