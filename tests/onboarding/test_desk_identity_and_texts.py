"""A desk's colour passes WCAG AA with white text (or is darkened until it does), its logo is checked by content and
stored through Django's storage API, and its texts are shown in the reader's language (issue 17: the opening hours
were Dutch on the Arabic home page)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from loket.areas import colours
from loket.areas.services import desk_identity_set, desk_texts_set

pytestmark = pytest.mark.django_db


def png(size=(800, 400), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("colour", ["#ffff00", "#87ceeb", "#00566b", "#777777"])
def test_the_colour_used_always_carries_white_text_at_aa(colour):
    used = colours.readable_on_white(colour)
    assert colours.contrast_with_white(used) >= 4.5
    if colours.contrast_with_white(colour) >= 4.5:
        assert used == colour


def test_a_light_colour_is_darkened_and_the_person_is_told(new_desk, agency, media):
    change = desk_identity_set(desk=new_desk, actor=agency, colour="#FFD34D")
    assert change.colour_asked == "#ffd34d"
    assert colours.contrast_with_white(change.desk.colour) >= 4.5


def test_a_logo_is_re_encoded_as_a_small_png_in_the_storage(new_desk, agency, media):
    change = desk_identity_set(desk=new_desk, actor=agency, logo=SimpleUploadedFile("logo.jpg", png()))
    name = change.desk.logo
    assert name.startswith(f"desks/{new_desk.slug}/logo-") and name.endswith(".png")
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert image.format == "PNG" and image.size == (480, 240)
    assert (media / name).exists()


@pytest.mark.parametrize(
    "content",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"%PDF-1.4 not an image",
        b"\x89PNG\r\n\x1a\n but truncated",
    ],
)
def test_anything_but_an_image_is_refused_whatever_its_name(new_desk, agency, media, content):
    with pytest.raises(ValidationError) as error:
        desk_identity_set(desk=new_desk, actor=agency, logo=SimpleUploadedFile("logo.png", content))
    assert "logo" in error.value.message_dict
    new_desk.refresh_from_db()
    assert new_desk.logo == ""


def test_the_home_page_shows_each_desk_text_in_the_readers_language(client, new_desk, agency):
    desk_texts_set(
        desk=new_desk, actor=agency, language="nl", opening_hours="ma–vr 9–12 u", contact="Bel ons"
    )
    desk_texts_set(desk=new_desk, actor=agency, language="ar", opening_hours="الاثنين إلى الجمعة 9–12")
    desk_texts_set(desk=new_desk, actor=agency, language="en", contact="Call us")
    client.cookies["django_language"] = "ar"
    page = client.get("/").content.decode()
    assert '<dd lang="ar" dir="auto">الاثنين إلى الجمعة 9–12</dd>' in page
    assert "ma–vr 9–12 u" not in page
    # Missing in Arabic: English before Dutch, marked with its own language.
    assert '<dd lang="en" dir="auto">Call us</dd>' in page
    # Municipality names are one Dutch phrase in their own order, also inside Arabic text.
    assert '<span lang="nl" dir="ltr" class="loket-municipalities">Laarne, Wetteren</span>' in page


def test_the_desk_stylesheet_and_logo_are_served(client, new_desk, agency, media):
    desk_identity_set(desk=new_desk, actor=agency, colour="#7a1f5c", logo=SimpleUploadedFile("l.png", png()))
    css = client.get(f"/lokaal-loket/{new_desk.slug}/huisstijl.css")
    assert (
        css["Content-Type"].startswith("text/css")
        and "--loket-color-primary: #7a1f5c" in css.content.decode()
    )
    logo = client.get(f"/lokaal-loket/{new_desk.slug}/logo.png")
    assert logo["Content-Type"] == "image/png" and b"".join(logo.streaming_content).startswith(b"\x89PNG")
    page = client.get(f"/lokaal-loket/{new_desk.slug}/").content.decode()
    assert f"/lokaal-loket/{new_desk.slug}/huisstijl.css" in page and 'class="loket-brand__logo"' in page
