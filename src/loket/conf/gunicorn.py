"""gunicorn's settings for production (`gunicorn --config python:loket.conf.gunicorn loket.wsgi`), from the environment.

No access log of gunicorn's own: Loket writes one JSON line per request itself (loket.access, with the matched route
instead of the path, so no case reference or query string reaches the log store). gunicorn's own messages are JSON
lines too.
"""

import os

from loket.core.logs import logging_config

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
keepalive = int(
    os.environ.get("GUNICORN_KEEPALIVE", "75")
)  # above the proxy's idle timeout, see docs/operations.md
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = None
errorlog = "-"
logconfig_dict = logging_config(json_lines=True, level=os.environ.get("LOG_LEVEL", "INFO"))
