"""The application as the load test and the fault drill run it: production settings (loket.conf.loadtest) on the
drill's own PostgreSQL, gunicorn on the loopback address, and the django-q2 worker that delivers the outbox's mails
(to Django's in-memory mail backend: nothing leaves the machine)."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

import drill_cluster as cluster

BIN = os.path.dirname(sys.executable)
DATABASE = "loket_drill"
APP = "127.0.0.1:8765"


def env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loket.conf.loadtest",
        "DATABASE_URL": cluster.url(DATABASE),
        "SECRET_KEY": "load-test-only-" + "x" * 50,
        "LOKET_NATIONAL_NUMBER_KEY": "load-test-only-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_CONN_MAX_AGE": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "Q_WORKERS": "1",
    }


def manage(*args: str) -> None:
    subprocess.run(
        [os.path.join(BIN, "loket-manage"), *args], env=env(), check=True, stdout=subprocess.DEVNULL
    )


def prepare() -> None:
    """A fresh database with the demo area (its postcodes, desks and locations)."""
    cluster.start()
    cluster.recreate(DATABASE)
    manage("migrate", "--noinput")
    manage("load_demo")


def start(workers: int = 4) -> list[subprocess.Popen]:
    manage("collectstatic", "--noinput")  # production settings serve hashed static files from a manifest
    gunicorn = subprocess.Popen(
        [
            os.path.join(BIN, "gunicorn"),
            "loket.wsgi",
            "--workers",
            str(workers),
            "--threads",
            "2",
            "--bind",
            APP,
            "--log-level",
            "warning",
            "--timeout",
            "30",
            # Longer than a client's pause between calls: with gunicorn's default of 2 s, a connection the server
            # closes just as the client reuses it is reset (a reverse proxy in production keeps its own pool).
            "--keep-alive",
            "30",
        ],
        env=env(),
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [os.path.join(BIN, "loket-manage"), "qcluster"],
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://{APP}/health/ready", timeout=2) as response:
                if response.status == 200:
                    return [gunicorn, worker]
        except OSError:
            time.sleep(0.3)
    stop([gunicorn, worker])
    raise SystemExit("the app did not become ready")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
