"""Rounds as background jobs: prepared, run and checked by the task queue, one job at a time per round, with progress,
a plain reason when a job fails and a way to try again; the round list loads no JSON; the round form's choices
and date bounds."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest
from allocation_world import ROUND_DATE
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.models import RoleAssignment
from loket.allocation import services
from loket.allocation.models import JobKind, JobStatus, Round
from loket.allocation.services import RoundBusy, RoundError, round_job_start, round_prepare, round_run
from loket.audit.models import AuditEvent
from loket.testing.factories import make_desk, make_user

pytestmark = pytest.mark.django_db


def test_a_round_is_prepared_and_run_by_jobs_the_page_follows_their_progress(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.worker)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/rondes/", {"desk": world.desk.pk, "date": ROUND_DATE.isoformat()})
    round_ = Round.objects.get()
    assert response.url == f"/rondes/{round_.pk}/"
    # Until the worker takes it, the round waits, and the page polls its progress.
    assert (round_.status, round_.job_kind, round_.job_status) == ("preparing", "prepare", "queued")
    page = client.get(f"/rondes/{round_.pk}/").content.decode()
    assert f'hx-get="/rondes/{round_.pk}/voortgang/"' in page and "De instance opbouwen" in page
    progress = client.get(f"/rondes/{round_.pk}/voortgang/")
    assert "HX-Refresh" not in progress and 'hx-trigger="every 1s"' in progress.content.decode()

    for callback in queued:  # the worker runs the job
        callback()
    round_.refresh_from_db()
    assert round_.status == Round.Status.PREPARED and round_.job_status == JobStatus.DONE
    assert round_.request_count == 2 and round_.place_count == 2 and round_.figures
    assert {"building", "simulating", "total"} <= set(round_.job_seconds)
    # The poll sees the job done and reloads the whole page, which shows the preview.
    assert client.get(f"/rondes/{round_.pk}/voortgang/")["HX-Refresh"] == "true"
    assert "Voorbeeld: wat elke methode zou geven" in client.get(f"/rondes/{round_.pk}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rondes/{round_.pk}/draaien/")
    round_.refresh_from_db()
    assert round_.status == Round.Status.RUN and round_.assigned_count == 2
    assert {"solving", "checking", "explaining"} <= set(round_.job_seconds)
    assert round_.explanations and round_.check_report["ok"] is True
    assert AuditEvent.objects.filter(event="round.job_queued", actor=world.worker).count() == 2


def test_a_second_run_while_one_is_busy_is_refused(client, world, django_capture_on_commit_callbacks):
    round_ = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    client.force_login(world.worker)
    with django_capture_on_commit_callbacks(execute=False) as first:
        client.post(f"/rondes/{round_.pk}/draaien/")
    with django_capture_on_commit_callbacks(execute=False) as second:
        response = client.post(f"/rondes/{round_.pk}/draaien/", follow=True)
    assert len(first) == 1 and second == []
    assert "Deze ronde is bezig" in response.content.decode()
    # The service refuses too (the page is not the only way in), and so does publishing meanwhile.
    with pytest.raises(RoundBusy):
        round_job_start(round=round_, kind=JobKind.RUN, actor=world.worker)
    with pytest.raises(RoundBusy):
        round_run(round=round_, actor=world.worker)
    round_.refresh_from_db()
    with pytest.raises(RoundBusy):
        services.round_publish(round=round_, actor=world.worker)
    first[0]()
    round_.refresh_from_db()
    assert round_.status == Round.Status.RUN and round_.job_status == JobStatus.DONE


def test_the_claim_is_one_conditional_update_so_only_one_of_two_racing_starts_wins(world):
    round_ = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    stale_copy = Round.objects.get(pk=round_.pk)  # what a second request read before the first claimed it
    token = round_job_start(round=round_, kind=JobKind.RUN, actor=world.worker)
    with pytest.raises(RoundBusy):
        round_job_start(round=stale_copy, kind=JobKind.RUN, actor=world.worker)
    # A job superseded meanwhile does nothing when its task arrives late.
    assert services.round_job(round_.pk, "0" * 32) is False
    assert services.round_job(round_.pk, token) is True


def test_a_lost_job_can_be_started_again(world):
    round_ = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    round_job_start(round=round_, kind=JobKind.RUN, actor=world.worker)
    later = timezone.now() + services.JOB_LOST_AFTER + timedelta(seconds=1)
    token = round_job_start(round=round_, kind=JobKind.RUN, actor=world.worker, now=later)
    assert services.round_job(round_.pk, token) is True


def test_a_failed_job_says_why_and_can_be_retried(
    client, world, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise ZeroDivisionError("technical detail")

    monkeypatch.setattr(services, "build_instance", broken)
    client.force_login(world.worker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/rondes/", {"desk": world.desk.pk, "date": ROUND_DATE.isoformat()})
    round_ = Round.objects.get()
    assert (round_.status, round_.job_status, round_.job_error) == ("preparing", "failed", "unexpected")
    assert "technical detail" in caplog.text  # logged for the administrator ...
    page = client.get(f"/rondes/{round_.pk}/").content.decode()
    assert (
        "De taak is mislukt." in page and "technical detail" not in page
    )  # ... not shown to the desk worker
    assert AuditEvent.objects.filter(event="round.job_failed").exists()
    assert "mislukt" in client.get("/rondes/").content.decode()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rondes/{round_.pk}/opnieuw/")
    round_.refresh_from_db()
    assert round_.status == Round.Status.PREPARED and round_.job_status == JobStatus.DONE
    assert not round_.job_error
    # Nothing failed any more: nothing to try again.
    with pytest.raises(RoundError):
        services.round_job_retry(round=round_, actor=world.worker)


def test_the_round_list_loads_no_json_and_pages(client, world):
    for _ in range(26):
        round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    client.force_login(world.worker)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/rondes/").content.decode()
    listed = [q["sql"] for q in queries if 'FROM "allocation_round"' in q["sql"]]
    assert listed and not any('"allocation_round"."instance"' in sql for sql in listed)
    assert not any('"allocation_round"."explanations"' in sql for sql in listed)
    assert "Pagina 1 van 2" in page and page.count(">2</td>") >= 25  # the stored counts are shown
    assert "Pagina 2 van 2" in client.get("/rondes/?pagina=2").content.decode()


def test_the_round_form_preselects_the_only_desk_and_today_in_iso(client, world):
    client.force_login(world.worker)
    page = client.get("/rondes/").content.decode()
    assert "---------" not in page
    assert f'<option value="{world.desk.pk}" selected>' in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    # Two desks: the worker chooses, and sees only their own desks.
    other = make_desk(name="Loket Tweede")
    make_desk(name="Loket Van Een Ander")
    two = make_user(Role.DESK_WORKER, desk=world.desk)
    RoleAssignment.objects.create(user=two, role=Role.DESK_WORKER, desk=other)
    client.force_login(two)
    page = client.get("/rondes/").content.decode()
    assert "Loket Tweede" in page and "Loket Van Een Ander" not in page


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "2013-12-31", "10000-01-01"])
def test_a_round_date_out_of_bounds_is_a_plain_form_error(client, world, typed):
    client.force_login(world.worker)
    response = client.post("/rondes/", {"desk": world.desk.pk, "date": typed})
    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in response.content.decode()
    assert not Round.objects.exists()


def test_a_round_date_with_no_rules_in_force_is_refused_by_the_service_too(world):
    with pytest.raises(RoundError):
        round_prepare(desk=world.desk, on=date(2010, 1, 1), actor=world.worker)
    assert not Round.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_job_end_to_end(world, monkeypatch, tmp_path):
    """The same job through the real queue: the ORM broker and a `qcluster` worker process on the test database."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", False)
    round_ = services.round_prepare_queue(desk=world.desk, on=ROUND_DATE, actor=world.worker)
    assert Round.objects.get(pk=round_.pk).job_status == JobStatus.QUEUED
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    # The development settings, as `make run` starts the worker (the test settings run tasks synchronously, and then
    # django-q2 keeps the parent's database connection across its fork: shared by two processes on PostgreSQL).
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "Q_WORKERS": "1",
        "Q_SYNC": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_SETTINGS_MODULE": "loket.conf.dev",
    }
    manage = os.path.join(os.path.dirname(sys.executable), "loket-manage")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [manage, "qcluster"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            round_.refresh_from_db()
            if round_.job_status in (JobStatus.DONE, JobStatus.FAILED):
                break
            time.sleep(0.5)
    finally:
        worker.terminate()  # the cluster stops its workers first: give it time, then stop it hard
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)  # the cluster and the worker processes it started
            worker.wait()
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)  # any worker process left behind
    assert round_.job_status == JobStatus.DONE, (tmp_path / "worker.log").read_text()[-2000:]
    assert round_.status == Round.Status.PREPARED and round_.request_count == 2


def test_a_round_without_preview_or_explanations_solves_draws_and_checks_the_same(client, world):
    """The demo's year of history skips the mechanism comparison (`simulate=False`) and the explanations of all
    but each desk's last round (`explain=False`): the instance, the lottery commitment, the result and the check
    stay what the full round gives; the round's page says the mechanisms were not compared."""
    seed = "5eed" * 16
    full = round_prepare(desk=world.desk, on=ROUND_DATE, actor=world.worker, lottery_seed=seed)
    full = round_run(round=full, actor=world.worker)
    lean = round_prepare(
        desk=world.desk, on=ROUND_DATE, actor=world.worker, lottery_seed=seed, simulate=False
    )
    assert "simulating" not in lean.job_seconds and "building" in lean.job_seconds
    lean = round_run(round=lean, actor=world.worker, explain=False)
    assert "explaining" not in lean.job_seconds and "solving" in lean.job_seconds
    full.refresh_from_db()
    lean.refresh_from_db()
    assert full.figures and full.explanations
    assert lean.figures is None and lean.explanations is None
    assert lean.lottery_commitment == full.lottery_commitment
    assert (lean.instance["requests"], lean.instance["locations"]) == (
        full.instance["requests"],
        full.instance["locations"],
    )
    assert lean.result["assignments"] and lean.result["assignments"] == full.result["assignments"]
    assert lean.assigned_count == full.assigned_count
    assert lean.check_report["ok"] is True and lean.check_report == full.check_report

    client.force_login(world.worker)
    page = client.get(f"/rondes/{lean.pk}/").content.decode()
    assert 'data-testid="no-preview"' in page and 'id="figures-title"' not in page
    page = client.get(f"/rondes/{full.pk}/").content.decode()
    assert 'data-testid="no-preview"' not in page and 'id="figures-title"' in page
