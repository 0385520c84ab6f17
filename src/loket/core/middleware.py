"""Request ids and security headers Django 5.2 does not set itself."""

import logging
import re
import time
import uuid

from django.conf import settings

from .logs import request_id, route_of

access_log = logging.getLogger("loket.access")
REQUEST_ID_FORMAT = re.compile(r"[A-Za-z0-9._:-]{8,128}")

# No inline scripts anywhere; styles only from our own files. The admin (Django's own templates) still uses a few style
# attributes, so only the management screens allow inline styles.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
CSP_ADMIN = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/beheer/"

    def __call__(self, request):
        response = self.get_response(request)
        csp = CSP_ADMIN if request.path.startswith(self.admin_prefix) else CSP
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if getattr(settings, "LOKET_NO_STORE_FOR_SIGNED_IN", True) and request.user.is_authenticated:
            # Pages of signed-in people hold personal data: never keep them in a shared or back-button cache.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class DatabaseUnavailableMiddleware:
    """When the database is briefly unreachable (a restart, a failover), answer 503 with a page that says what happened
    and that nothing saved is lost, and tell clients when to retry. The page needs no database to render."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .errors import DATABASE_ERRORS, database_unavailable

        if not isinstance(exception, DATABASE_ERRORS):
            return None
        return database_unavailable(request)


class RequestIdMiddleware:
    """Give each request an id: echoed in the `X-Request-ID` response header, on every log line of the request, and
    in the one access line written per request (method, matched route, status, duration; never the path or query).

    Behind a trusted proxy (`LOKET_TRUST_PROXY=1`) the proxy's id is kept (header `LOKET_REQUEST_ID_HEADER`, default
    `X-Request-ID`) so one id follows a request from the proxy's log to Loket's; anything else gets a fresh id.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        header = getattr(settings, "LOKET_REQUEST_ID_HEADER", "X-Request-ID")
        self.meta_key = "HTTP_" + header.upper().replace("-", "_")
        self.trust_proxy = getattr(settings, "LOKET_TRUST_PROXY", False)

    def __call__(self, request):
        incoming = request.META.get(self.meta_key, "") if self.trust_proxy else ""
        current = incoming if REQUEST_ID_FORMAT.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = current
        token = request_id.set(current)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response.headers["X-Request-ID"] = current
            access_log.info(
                "request",
                extra={
                    "method": request.method,
                    "route": route_of(request),
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


# NUL and the other C0 control characters (tab, line feed and carriage return aside) never belong in an address, a
# query or a form value; PostgreSQL refuses NUL in text outright, so without this check they end as a server error.
INVALID_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _invalid(values) -> bool:
    return any(INVALID_CHARACTERS.search(value) for value in values)


class RefuseInvalidCharactersMiddleware:
    """Answer 400 (a page in the user's language) to a request whose path or query string holds NUL or another control
    character, or whose form values or JSON hold NUL, before any view or query sees them. Forms refuse them too (Django's CharField), with
    a message at the field; this is the net under every other door: URL parameters, filters, the API's JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _invalid([request.path]) or _invalid(k + v for k, vs in request.GET.lists() for v in vs):
            return _bad_request(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        exempt = getattr(view_func, "csrf_exempt", False)  # the API reads its own body (see core/uploads.py)
        if request.content_type == "application/x-www-form-urlencoded" or (
            request.content_type == "multipart/form-data" and not exempt
        ):
            # Only NUL: the database refuses it. Other control characters pasted into a text (a form feed from a word
            # processor) are the form's business, which answers at the field and keeps what was typed.
            if any("\x00" in k + v for k, vs in request.POST.lists() for v in vs):
                return _bad_request(request)
        elif request.content_type == "application/json":
            body = request.body
            if b"\x00" in body or b"\\u0000" in body.lower():
                return _bad_request(request)
        return None


def _bad_request(request):
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import gettext

    if request.path.startswith("/api/"):
        # Machines get the API's own error shape (RFC 9457 problem details), not a page.
        body = {
            "type": "about:blank",
            "title": gettext("We could not read this request"),
            "status": 400,
            "detail": gettext(
                "The address or the data held a character that cannot be part of a text (NUL or another control character)."
            ),
            "instance": INVALID_CHARACTERS.sub("", request.path),
        }
        return JsonResponse(body, status=400, content_type="application/problem+json")
    return render(request, "core/error.html", {"code": 400}, status=400)
