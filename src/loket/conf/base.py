"""Settings shared by every environment. Each value that differs per deployment comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from loket.core.logs import logging_config

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(os.environ.get("LOKET_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "loket.core.admin_apps.LoketAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_q",
    "mozilla_django_oidc",
    # Loket's domain apps. Order matters only for template overrides: core last so apps can override it.
    "loket.accounts",
    "loket.areas",
    "loket.supply",
    "loket.demand",
    "loket.allocation",
    "loket.network",
    "loket.audit",
    "loket.families",
    "loket.guide",
    "loket.casework",
    "loket.reports",
    "loket.support",
    "loket.api",
    "loket.privacy",
    "loket.onboarding",
    "loket.demo",
    "loket.portal",
    "loket.core",
]

MIDDLEWARE = [
    "loket.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "loket.families.language.KeepLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "loket.accounts.second_factor.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "loket.core.middleware.SecurityHeadersMiddleware",
    "loket.core.uploads.RefuseUnexpectedUploadsMiddleware",
    "loket.core.middleware.DatabaseUnavailableMiddleware",
    "loket.core.middleware.RefuseInvalidCharactersMiddleware",
]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

ROOT_URLCONF = "loket.urls"
WSGI_APPLICATION = "loket.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loket.portal.context_processors.navigation",
                "loket.areas.context_processors.desk_identity",
            ],
        },
    }
]


def database_from_env(default_sqlite_path: Path) -> dict:
    """One `DATABASE_URL` decides the database; SQLite (embedded) when it is absent.

    SQLite is tuned for a web server: WAL lets readers work while one writer writes, the busy timeout waits
    for a lock instead of failing, and IMMEDIATE transactions take the write lock at BEGIN, so two writers
    queue rather than deadlock (SQLite has no SELECT ... FOR UPDATE).
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
        if config["ENGINE"] == "django.db.backends.postgresql":
            config["CONN_HEALTH_CHECKS"] = True
        if config["ENGINE"] != "django.db.backends.sqlite3":
            return config
    else:
        default_sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    config.setdefault("OPTIONS", {})
    config["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA busy_timeout=20000; PRAGMA cache_size=-20000;"
            ),
        }
    )
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "loket.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:landing"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign in with a password and a one-time code (TOTP). Always on in production; dev and tests may switch it off.
LOKET_STAFF_2FA = env_bool("LOKET_STAFF_2FA", True)
OTP_TOTP_ISSUER = "Loket"

SESSION_ENGINE = "loket.core.sessions"  # database sessions; an unreachable database answers 503, not 400
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 60 * 60 * 8))
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Dutch first. English for everyone; French and Arabic (right to left) for families.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("fr", "Français"), ("ar", "العربية")]
LANGUAGES_BIDI = ["ar"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LOCALE_PATHS = [SRC_DIR / "loket" / "locale"]
FORMAT_MODULE_PATH = ["loket.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads: a desk's logo, the agency's location file and the support desk's attachments (families' proof is seen, not
# kept). Only pages marked to accept files take them (`core.uploads` refuses a file sent anywhere else). Files go straight
# to a temporary file, never into memory; each page checks size and type by content before storing (default storage).
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
DATA_UPLOAD_MAX_NUMBER_FILES = 5
MEDIA_ROOT = Path(os.environ.get("LOKET_MEDIA_ROOT", VAR_DIR / "media"))
LOKET_SUPPORT_ATTACHMENT_MAX_MB = int(os.environ.get("LOKET_SUPPORT_ATTACHMENT_MAX_MB", "10"))
# Where the support desk mails new and unassigned questions: the team's shared address, or (when empty) every agent.
LOKET_SUPPORT_TEAM_EMAIL = os.environ.get("LOKET_SUPPORT_TEAM_EMAIL", "")
# Limits per anonymous form (see core/ratelimit.py): {"support.question": {"per_address": 10, "per_key": 5, "window": 3600}}
LOKET_RATE_LIMITS: dict[str, dict[str, int]] = {}

# Mail: every Django e-mail setting from the environment, so an authenticated relay (587 with STARTTLS, or 465 with
# TLS from the start) needs no code change. See docs/operations.md.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Loket Kinderopvang <noreply@loket.local>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS (usually port 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the first byte (usually port 465)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or (465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = int(
    os.environ.get("EMAIL_TIMEOUT", "30")
)  # seconds; a hung relay must not hold a worker forever
EMAIL_SSL_CERTFILE = (
    os.environ.get("EMAIL_SSL_CERTFILE") or None
)  # client certificate, for relays that ask one
EMAIL_SSL_KEYFILE = os.environ.get("EMAIL_SSL_KEYFILE") or None
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "[Loket] ")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL (implicit TLS), not both.")

# /.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when the file is valid (ISO date;
# empty: one year from today, so set it in production when someone commits to reading the contact).
LOKET_SECURITY_CONTACT = env_list("LOKET_SECURITY_CONTACT", "mailto:security@loket.local")
LOKET_SECURITY_TXT_EXPIRES = os.environ.get("LOKET_SECURITY_TXT_EXPIRES", "")
# The address people use to reach Loket: every link in an e-mail starts with it (see core/links.py).
LOKET_PUBLIC_URL = os.environ.get("LOKET_PUBLIC_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"

# Key for the keyed hash of national register numbers (used only to detect a child registered twice).
# It must differ from SECRET_KEY so rotating one does not silently change the other.
LOKET_NATIONAL_NUMBER_KEY = os.environ.get("LOKET_NATIONAL_NUMBER_KEY", "")

SILENCED_SYSTEM_CHECKS: list[str] = []

# Behind a reverse proxy that sets X-Forwarded-For and a request id: trust them (client address for throttling, the
# proxy's request id on Loket's log lines). Only set this when no client can reach the app except through the proxy.
LOKET_TRUST_PROXY = env_bool("LOKET_TRUST_PROXY", False)
LOKET_REQUEST_ID_HEADER = os.environ.get("LOKET_REQUEST_ID_HEADER", "X-Request-ID")

# Readable lines here; JSON lines in production (loket.conf.production). See loket/core/logs.py.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = logging_config(json_lines=env_bool("LOG_JSON", False), level=LOG_LEVEL)

# Background work: django-q2 with the database itself as broker, so `make run` needs nothing else. For a broker-backed
# worker in production (Redis), set Q_BROKER=redis and Q_REDIS_URL (see docs/operations.md).
Q_CLUSTER = {
    "name": "loket",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 300,
    "retry": 600,
    "max_attempts": 5,
    "catch_up": False,
    "ack_failures": True,
    "sync": env_bool("Q_SYNC", False),
    "label": "Achtergrondtaken",
}
if os.environ.get("Q_BROKER") == "redis":
    Q_CLUSTER["redis"] = os.environ.get("Q_REDIS_URL", "redis://127.0.0.1:6379/0")
else:
    Q_CLUSTER["orm"] = "default"

# Optional OpenID Connect sign-in for staff (OIDC_ENABLED=1 and the provider's endpoints). Accounts are not created
# from the provider (OIDC_CREATE_USER is False): an administrator provisions staff with their roles.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.insert(0, "loket.accounts.oidc.StaffOIDCBackend")
OIDC_CREATE_USER = False
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "/account/aanmelden/?oidc=mislukt"
