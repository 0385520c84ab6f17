"""The round's page follows its job in a real browser: stages while the worker works (htmx polling), then the whole
page with the preview once it is done; the page passes axe-core while it polls."""

import pytest
from allocation_world import ROUND_DATE
from axe_playwright_python.sync_playwright import Axe

from loket.allocation import services
from loket.allocation.models import JobStatus, Round
from loket.testing.browser import sign_in
from loket.testing.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_page_polls_the_job_and_shows_the_preview_when_it_is_done(
    page, live_server, world, monkeypatch, tmp_path
):
    monkeypatch.setattr(services, "_enqueue", lambda round_id, token: None)  # the worker has not taken it yet
    sign_in(page, live_server, world.worker.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/rondes/")
    page.get_by_label("Datum van de ronde").fill(ROUND_DATE.isoformat())
    page.get_by_role("button", name="Voorbereiden").click()
    page.get_by_text("Wacht op de achtergrondverwerking.").wait_for()
    round_ = Round.objects.get()
    assert round_.job_status == JobStatus.QUEUED
    result = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
    )
    assert result.response["violations"] == []
    page.screenshot(path=str(tmp_path / "round-job-waiting.png"), full_page=True)

    # The worker takes the job: the polling page sees it done and shows the preview, without a click.
    services.round_job(round_.pk, Round.objects.get(pk=round_.pk).job_token)
    page.get_by_role("heading", name="Voorbeeld: wat elke methode zou geven").wait_for(timeout=10_000)
    assert page.get_by_role("button", name="Ronde uitvoeren").is_visible()
    page.screenshot(path=str(tmp_path / "round-job-done.png"), full_page=True)
