"""The desk administrator's erasure in a real browser, in Dutch: from the desk's home to the request, the preview of
what will be wiped, the confirmation; each page passes axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from loket.accounts.choices import Role
from loket.demand.lifecycle import Status
from loket.demand.services import request_change_status
from loket.privacy.models import ErasureRequest
from loket.testing.browser import sign_in
from loket.testing.factories import DEFAULT_PASSWORD, make_desk, make_family, make_request, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:
    return [v["id"] for v in Axe().run(page, options=AXE_OPTIONS).response["violations"]]


def test_the_desk_administrator_reads_what_will_be_wiped_and_confirms(browser, page, live_server, tmp_path):
    desk = make_desk(name="Loket Deinze-Zulte")
    family = make_family(desk)
    request = make_request(family, first_name="Yasmina")
    request_change_status(request=request, to=Status.WITHDRAWN, reason="Verhuisd naar Gent")
    erasure = ErasureRequest.objects.create(family=family, desk=desk, message="Wis alles aub")
    admin = make_user(Role.DESK_ADMIN, desk=desk, email="beheer@example.org")

    sign_in(page, live_server, admin.email, DEFAULT_PASSWORD)
    page.goto(live_server.url + "/loket/")
    page.get_by_role("link", name="Vragen om te wissen").click()
    assert _violations(page) == [], "list"
    page.get_by_role("link", name=erasure.requested_at.strftime("%d-%m-%Y")).first.click()
    assert "1 ouder of voogd" in page.content() and "Wis alles aub" in page.content()
    assert _violations(page) == [], "preview"
    page.screenshot(path=str(tmp_path / "erasure.png"), full_page=True)
    page.get_by_role("button", name="Gegevens van het gezin wissen").click()
    assert "Vink het vakje aan" in page.content()
    page.get_by_label("Ik heb gelezen wat gewist wordt").check()
    page.get_by_role("button", name="Gegevens van het gezin wissen").click()
    assert "De gegevens van het gezin zijn gewist" in page.content()
    erasure.refresh_from_db()
    assert erasure.status == ErasureRequest.Status.DONE
    print("SCREENSHOT", tmp_path / "erasure.png")
