"""Production: every secret from the environment, nothing insecure by default."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list, logging_config

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not LOKET_NATIONAL_NUMBER_KEY:  # noqa: F405
    raise ImproperlyConfigured("LOKET_NATIONAL_NUMBER_KEY must be set in the environment for production.")

DEBUG = False
LOKET_STAFF_2FA = True  # not negotiable where real families' data lives
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/"]  # load balancers probe over plain HTTP inside the network
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# collectstatic writes content-hashed copies (loket.a1b2c3.css) plus gzip/brotli variants; WhiteNoise serves those with
# "max-age=315360000, public, immutable" and every other static file with a short max-age.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = int(
    os.environ.get("WHITENOISE_MAX_AGE", "3600")
)  # unhashed names (favicon.ico, robots.txt)

# Several app processes share one cache (rate limits, throttles): Redis when configured, else the database.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "loket_cache"}
    }
# One JSON line per event on standard output, for the log store (loket/core/logs.py).
LOGGING = logging_config(json_lines=env_bool("LOG_JSON", True), level=LOG_LEVEL)  # noqa: F405
