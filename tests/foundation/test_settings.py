import os
import subprocess
import sys


def _import_production(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "LOKET_NATIONAL_NUMBER_KEY")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "loket.conf.production", **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_production({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_its_secrets_from_the_environment():
    result = _import_production({"SECRET_KEY": "x" * 60, "LOKET_NATIONAL_NUMBER_KEY": "y" * 40})
    assert result.returncode == 0, result.stderr


def test_sqlite_is_tuned_for_a_web_server(monkeypatch, tmp_path):
    from loket.conf.base import database_from_env

    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(tmp_path / "loket.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert "busy_timeout" in config["OPTIONS"]["init_command"]


def test_database_url_switches_to_postgresql(monkeypatch, tmp_path):
    from loket.conf.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loket")
    config = database_from_env(tmp_path / "unused.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "loket"
