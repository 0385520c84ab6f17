"""Production settings for the load test and fault drill on this machine: plain HTTP on the loopback interface, so the
cookies cannot be marked Secure and there is no HTTPS redirect. Everything else is as in production."""

from .production import *  # noqa: F403
from .production import logging_config

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = logging_config(json_lines=True, level="WARNING")
# The load test registers many families from this one address: the registration limit would refuse them.
LOKET_RATE_LIMITS = {"families.registration": {"per_address": 0, "per_key": 0}}
