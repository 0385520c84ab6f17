"""Static files as production ships them (issue 20): manifest storage writes content-hashed names at collectstatic, and
WhiteNoise serves those with far-future, immutable caching, as docs/operations.md promises."""

import importlib
import sys

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(monkeypatch):
    """The production settings module, loaded with the two secrets it insists on."""
    monkeypatch.setenv("SECRET_KEY", "static-test-" + "x" * 50)
    monkeypatch.setenv("LOKET_NATIONAL_NUMBER_KEY", "static-test")
    import loket.conf.base

    importlib.reload(
        loket.conf.base
    )  # production star-imports base, which read the environment when first loaded
    sys.modules.pop("loket.conf.production", None)
    yield importlib.import_module("loket.conf.production")
    sys.modules.pop("loket.conf.production", None)
    monkeypatch.undo()
    importlib.reload(loket.conf.base)


def test_collected_static_files_are_hashed_and_cached_for_ever(production, tmp_path):
    with override_settings(
        STORAGES=production.STORAGES,
        STATIC_ROOT=tmp_path / "static",
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_MAX_AGE=production.WHITENOISE_MAX_AGE,
    ):
        call_command(
            "collectstatic", "--noinput", verbosity=0
        )  # fails on a stylesheet pointing at a missing file
        url = static("loket/loket.css")
        assert url != "/static/loket/loket.css" and url.endswith(".css")  # loket.<hash>.css

        client = Client()
        hashed = client.get(url, headers={"accept-encoding": "gzip"})
        assert hashed.status_code == 200
        assert hashed["Cache-Control"] == "max-age=315360000, public, immutable"
        assert hashed["Content-Encoding"] == "gzip"

        plain = client.get("/static/loket/loket.css")  # the unhashed name still answers, briefly cached
        assert plain.status_code == 200
        assert plain["Cache-Control"] == f"max-age={production.WHITENOISE_MAX_AGE}, public"

        # Pages link the hashed names.
        assert url in client.get("/").content.decode()
