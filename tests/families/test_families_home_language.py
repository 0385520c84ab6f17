"""The home page speaks the family's language: the desk's texts in Arabic on the Arabic page (not the Dutch ones), and
the municipality names stay in their own order inside right-to-left text."""

import pytest

from loket.areas.models import DeskText

pytestmark = pytest.mark.django_db


def test_the_arabic_home_page_shows_the_desks_arabic_texts_and_keeps_the_municipalities_in_order(
    client, area
):
    from loket.testing.factories import make_municipality

    make_municipality(area["desk"], name="Zulte")
    DeskText.objects.create(desk=area["desk"], language="nl", opening_hours="ma–vr 9–12 u")
    DeskText.objects.create(desk=area["desk"], language="ar", opening_hours="من الاثنين إلى الجمعة 9–12")
    client.post("/taal/", {"language": "ar", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl"' in body
    assert "من الاثنين إلى الجمعة 9–12" in body and "ma–vr 9–12 u" not in body
    # The names form one left-to-right Dutch phrase: "Deinze, Zulte", not reordered by the Arabic around them.
    assert '<span lang="nl" dir="ltr" class="loket-municipalities">Deinze, Zulte</span>' in body
    # A desk without an Arabic text falls back to English, else Dutch, marked with its own language.
    DeskText.objects.filter(language="ar").delete()
    body = client.get("/").content.decode()
    assert 'lang="nl" dir="auto">ma–vr 9–12 u' in body
