"""A mail as people see it: the offer mail's HTML part in Chromium at 360 and 1280 px, in Dutch and Arabic, with the
desk's logo served by Loket. The screenshots are taken on every run; `make screens` (LOKET_SCREENSHOTS=1) writes them
to docs/screens/."""

import io
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw
from test_every_mail import _offer, last_mail, speaks, world  # noqa: F401  (fixtures and triggers)

from loket.areas import colours
from loket.areas.services import desk_identity_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"


def _logo() -> SimpleUploadedFile:
    image = Image.new("RGB", (240, 96), "white")
    ImageDraw.Draw(image).ellipse((8, 8, 88, 88), fill=(122, 31, 92))
    data = io.BytesIO()
    image.save(data, format="PNG")
    return SimpleUploadedFile("logo.png", data.getvalue(), content_type="image/png")


def test_screenshots_of_the_offer_mail_at_360_and_1280_px(browser, live_server, world, settings, tmp_path):  # noqa: F811
    settings.LOKET_PUBLIC_URL = live_server.url
    desk_identity_set(desk=world.desk, actor=None, logo=_logo())
    world.desk.refresh_from_db()
    screens = SCREENS if os.environ.get("LOKET_SCREENSHOTS") else tmp_path
    for language in ("nl", "ar"):
        speaks(world, language)
        if language == "ar":
            from loket.allocation.models import Offer, Proposal
            from loket.demand.models import ChildcareRequest

            Offer.objects.all().delete()
            Proposal.objects.all().delete()
            ChildcareRequest.objects.filter(pk=world.request.pk).update(status="registered")
        _offer(world)
        mail = last_mail(world.parent.email)
        page_file = tmp_path / f"mail-{language}.html"
        page_file.write_text(mail.html, encoding="utf-8")
        for width in (360, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_load_state("networkidle")
            # The logo came from Loket on the public host; nothing is wider than the screen.
            assert page.evaluate("document.querySelector('img').naturalWidth") > 0
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            button = page.locator("a.mail-button")
            assert button.is_visible()
            background = button.evaluate("e => getComputedStyle(e).backgroundColor")
            red, green, blue = (int(x) for x in background[background.index("(") + 1 : -1].split(",")[:3])
            assert colours.contrast_with_white(f"#{red:02x}{green:02x}{blue:02x}") >= 4.5
            assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
            page.screenshot(path=str(screens / f"mail-offer-{language}-{width}.png"), full_page=True)
            context.close()


def test_a_parent_follows_the_offer_mail_and_accepts_the_place(page, live_server, world):  # noqa: F811
    """From the mail to the answer by clicking only: the mail's button signs the parent in and lands on the offer."""
    from loket.allocation.models import Offer

    speaks(world, "nl")
    offer = _offer(world)
    mail = last_mail(world.parent.email)
    page.set_content(mail.html)
    page.locator("a.mail-button").click()
    page.wait_for_url("**/gezin/aanmelden/link/**")
    page.get_by_role("button", name="Aanmelden bij mijn aanvragen").click()
    page.wait_for_url(f"**/gezin/aanbod/{offer.pk}/")
    assert "'t Rakkertje" in page.locator("main").inner_text()
    page.get_by_role("button", name="Deze plaats aanvaarden").click()
    page.wait_for_url("**/gezin/")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
