"""What Loket writes to its logs: one JSON line per event (production), each with the request's id, never a URL's
identifiers or query string (a case reference, a token, an e-mail address in a path would otherwise reach the log store).

`RequestIdMiddleware` (core/middleware.py) sets the id; the filters below put it on every record and replace request
paths with the route they matched (`/loket/dossier/<str:reference>/`).
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str] = ContextVar("request_id", default="-")
UNRESOLVED = "<unresolved>"


def route_of(request) -> str:
    """The URL pattern a request matched, with its parameters as placeholders; never the path itself."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "/" + (match.route or "").removeprefix("/")
    from django.conf import settings

    static_url = getattr(settings, "STATIC_URL", None) or "/static/"
    if request.path.startswith(static_url):
        return request.path  # public asset names, no personal data
    return UNRESOLVED


class RequestIdFilter(logging.Filter):
    """Every record carries the id of the request it belongs to ('-' outside a request: tasks, commands)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class RedactPathFilter(logging.Filter):
    """Django's request loggers put the raw path in the message ("Forbidden (Permission denied): /loket/dossier/…").
    Replace it with the matched route and drop the request object (its repr holds the path too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is None or not hasattr(request, "path"):
            return True
        route = route_of(request)
        paths = {request.path, request.get_full_path()}
        paths |= {
            path.encode("unicode_escape").decode("ascii") for path in paths
        }  # as django.utils.log escapes them
        if isinstance(record.args, tuple):
            record.args = tuple(route if arg in paths else arg for arg in record.args)
        elif isinstance(record.msg, str):
            for path in paths:
                record.msg = record.msg.replace(path, route)
        record.route = route
        del record.request
        return True


class LoketJsonFormatter(JsonFormatter):
    """JSON lines: an ISO 8601 timestamp with offset, level, logger, message, request id; the traceback as one string
    field of the same line; extra fields as given (`log.info("mail.sent", extra={"mail_id": 3})`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["levelname", "name", "message", "request_id"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger", "exc_info": "traceback"})
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time"])
        super().__init__(*args, **kwargs)


def logging_config(*, json_lines: bool, level: str = "INFO") -> dict:
    """The LOGGING setting: JSON lines in production, readable lines (with the request id) in development."""
    formatter = (
        {"()": LoketJsonFormatter}
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": RequestIdFilter},
            "redact_path": {"()": RedactPathFilter},
        },
        "formatters": {"loket": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "loket",
                "filters": ["request_id", "redact_path"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # Django's own handlers for these would print a second, unformatted line.
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.server": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
        },
    }
