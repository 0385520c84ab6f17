"""The test suite: fast hashing, in-memory mail, a throw-away key. `DATABASE_URL` picks PostgreSQL."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-for-any-deployment"  # noqa: S105
LOKET_NATIONAL_NUMBER_KEY = "test-only-national-number-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# Links in e-mails lead to the test client's host, so a test can follow them.
LOKET_PUBLIC_URL = "http://testserver"
# Tests sign staff in directly; the second factor has its own tests, which switch it on.
LOKET_STAFF_2FA = False
# Static files come from the apps' folders (no collectstatic in tests); the root must exist for WhiteNoise.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Tasks run at once, in the test's own transaction handling (on_commit runs them in captureOnCommitCallbacks).
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405

# On SQLite the test database is a real file, not shared-cache memory: the race tests need SQLite's real locking
# (IMMEDIATE transactions that wait on each other), which shared-cache memory databases do not have.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test process, so parallel runs (two checkouts, two terminals) never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-loket-{os.getpid()}.sqlite3")}  # noqa: F405
