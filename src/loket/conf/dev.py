"""Local development: `make run`. A generated secret key kept under var/, console e-mail, debug on."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
# The demo accounts sign in with a password only, unless LOKET_STAFF_2FA=1 (see README).
LOKET_STAFF_2FA = env_bool("LOKET_STAFF_2FA", False)


def _persistent_dev_secret(name: str) -> str:
    path = VAR_DIR / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _persistent_dev_secret("dev-secret-key")  # noqa: F405
LOKET_NATIONAL_NUMBER_KEY = LOKET_NATIONAL_NUMBER_KEY or _persistent_dev_secret("dev-national-number-key")  # noqa: F405

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
