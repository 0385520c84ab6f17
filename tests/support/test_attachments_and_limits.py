"""Files on questions (checked by content, stored through the storage API, never served to the wrong reader) and the
protection of the anonymous forms (rate limits per address and per e-mail, the honeypot; typed text is kept)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from loket.accounts.choices import Role
from loket.support import services
from loket.support.models import Attachment, Question, Visibility
from loket.testing.factories import make_organiser, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="huisreglement.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def office(name, entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in entries:
            archive.writestr(entry, "x")
    return SimpleUploadedFile(name, buffer.getvalue())


def png(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def ask_form(**kw):
    data = {
        "subject": "Ons huisreglement",
        "body": "Kan u het nakijken?",
        "theme": "organisation",
        "name": "Mieke",
    }
    data["email"] = kw.pop("email", "mieke@example.org")
    data.update(kw)
    return data


def test_accepted_kinds_by_content_not_by_name():
    from loket.support.questions.attachments import detect

    assert detect(pdf()).content_type == "application/pdf"
    assert detect(png()).content_type == "image/png"
    docx = office("plan.docx", ["[Content_Types].xml", "word/document.xml"])
    assert detect(docx).extension == ".docx"
    assert detect(office("cijfers.xlsx", ["[Content_Types].xml", "xl/workbook.xml"])).extension == ".xlsx"
    assert (
        detect(office("macro.docm", ["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]))
        is None
    )
    assert detect(office("archief.zip", ["virus.exe"])) is None
    assert detect(SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 an executable")) is None
    assert detect(SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n but not an image")) is None


def test_the_asker_sends_a_file_and_the_agent_answers_with_one(client):
    agent = make_user(Role.SUPPORT_AGENT)
    client.post("/voorzet/vraag/", {**ask_form(), "attachments": [pdf()]})
    question = Question.objects.get()
    stored = question.attachments.get()
    assert stored.name == "huisreglement.pdf" and stored.content_type == "application/pdf"
    assert stored.file.name.startswith("support/") and "huisreglement" not in stored.file.name
    client.force_login(agent)
    download = client.get(f"/voorzet/vragen/{question.pk}/bijlagen/{stored.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    client.post(
        f"/voorzet/vragen/{question.pk}/", {"body": "Zie mijn opmerkingen.", "attachments": [png("tips.png")]}
    )
    answer_file = Attachment.objects.get(name="tips.png")
    client.logout()
    token = services.follow_token(question)
    assert client.get(f"/voorzet/vraag/volgen/{token}/bijlagen/{answer_file.pk}/").status_code == 200


def test_a_refused_file_keeps_the_question_typed():
    from django.test import Client

    client = Client()
    response = client.post(
        "/voorzet/vraag/", {**ask_form(), "attachments": [SimpleUploadedFile("setup.pdf", b"MZ not a pdf")]}
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Question.objects.exists()
    assert "setup.pdf" in page and "Kan u het nakijken?" in page


def test_the_size_limit(client, settings):
    settings.LOKET_SUPPORT_ATTACHMENT_MAX_MB = 1
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (1024 * 1024 + 1))
    response = client.post("/voorzet/vraag/", {**ask_form(), "attachments": [big]})
    assert response.status_code == 200 and "1 MB" in response.content.decode()
    assert not Question.objects.exists()


def test_files_are_never_served_to_another_organiser_or_the_wrong_reader(client):
    agent = make_user(Role.SUPPORT_AGENT)
    organiser, other = make_organiser(), make_organiser()
    staff = make_user(Role.PROVIDER_STAFF, organiser=organiser)
    question = services.question_ask(
        subject="Ons plan",
        body="Bijlage",
        name="A",
        email="a@example.org",
        actor=staff,
        organiser=organiser,
        attachments=[pdf()],
    )
    note = services.question_answer(
        question=question, body="Intern", visibility=Visibility.INTERNAL, actor=agent, attachments=[png()]
    )
    public_file = question.attachments.get(message__isnull=True)
    internal_file = note.attachments.get()
    token = services.follow_token(question)
    assert client.get(f"/voorzet/vraag/volgen/{token}/bijlagen/{public_file.pk}/").status_code == 200
    assert client.get(f"/voorzet/vraag/volgen/{token}/bijlagen/{internal_file.pk}/").status_code == 404
    other_question = services.question_ask(subject="X", body="Y", name="B", email="b@example.org", actor=None)
    other_token = services.follow_token(other_question)
    assert client.get(f"/voorzet/vraag/volgen/{other_token}/bijlagen/{public_file.pk}/").status_code == 404
    client.force_login(make_user(Role.PROVIDER_STAFF, organiser=other))
    assert client.get(f"/voorzet/vragen/{question.pk}/bijlagen/{public_file.pk}/").status_code == 403
    assert client.get(f"/voorzet/partner/vragen/{question.pk}/bijlagen/{public_file.pk}/").status_code == 403


def test_the_question_form_is_rate_limited_per_e_mail_and_keeps_the_text(client):
    for n in range(5):
        assert client.post("/voorzet/vraag/", ask_form(subject=f"Vraag {n}")).status_code == 302
    response = client.post("/voorzet/vraag/", ask_form(subject="De zesde", body="Mijn lange uitleg"))
    page = response.content.decode()
    assert response.status_code == 200 and Question.objects.count() == 5
    assert "Mijn lange uitleg" in page and "De zesde" in page
    assert "minuten" in page or "minutes" in page
    # another address is not hindered by this one
    assert client.post("/voorzet/vraag/", ask_form(email="iemand@example.org")).status_code == 302


def test_the_question_form_is_rate_limited_per_network_address(client, settings):
    settings.LOKET_RATE_LIMITS = {"support.question": {"per_address": 3, "per_key": 100, "window": 3600}}
    for n in range(3):
        assert client.post("/voorzet/vraag/", ask_form(email=f"p{n}@example.org")).status_code == 302
    assert client.post("/voorzet/vraag/", ask_form(email="p9@example.org")).status_code == 200
    assert Question.objects.count() == 3


def test_the_honeypot_refuses_robots_and_keeps_the_text(client):
    response = client.post("/voorzet/vraag/", {**ask_form(), "website": "http://spam.example"})
    assert response.status_code == 200 and not Question.objects.exists()
    assert "Kan u het nakijken?" in response.content.decode()


def test_the_rate_limit_module_counts_per_address_and_key():
    from django.test import RequestFactory

    from loket.core.ratelimit import RateLimit

    limit = RateLimit("test.limit", per_address=3, per_key=2, window=60)
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    assert limit.attempt(request, key="a@example.org", now=1000) is None
    assert limit.attempt(request, key="a@example.org", now=1001) is None
    wait = limit.attempt(request, key="a@example.org", now=1002)
    assert wait == 18 and limit.exceeded(request, key="a@example.org", now=1003)
    limit.clear("a@example.org", now=1003)
    assert limit.exceeded(None, key="a@example.org", now=1003) is None  # the e-mail is free again
    assert limit.exceeded(request, key="b@example.org", now=1003)  # but the address used its 3 attempts
    assert limit.exceeded(request, key="b@example.org", now=1061) is None  # a new window
