"""What every API call goes through: token checks, idempotency keys on writes, ETags on reads, and the audit."""

import hashlib
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthorizationError, Throttled
from ninja.security import HttpBearer

from loket.audit.services import audit_record

from .models import ApiToken, IdempotentWrite, TokenKind
from .problems import field_error, problem_response
from .tokens import rate_limit_wait, scope_of_token, token_from_request

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
# A client retries within minutes; after a day the stored answer (which may describe a request) is deleted.
IDEMPOTENCY_KEPT_FOR = timedelta(hours=24)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` for one kind of token; puts the token's `Scope` on `request.api_scope`."""

    kind: str = ""

    def __call__(self, request):
        # HttpBearer answers None for a missing header; the token itself is read once per request.
        return self.authenticate(request, None)

    def authenticate(self, request, token):
        found = token_from_request(request)
        if found is None:
            return None
        if found.kind != self.kind:
            raise AuthorizationError(message=_("This token is not a %(kind)s token.") % {"kind": self.kind})
        wait = rate_limit_wait(found)
        if wait is not None:
            raise Throttled(wait=wait)
        request.api_scope = scope_of_token(found)
        return found


class ProviderToken(TokenAuth):
    kind = TokenKind.PROVIDER


class AgencyToken(TokenAuth):
    kind = TokenKind.AGENCY


def _request_hash(request) -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.path.encode(), request.body or b""):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def idempotent_writes_purge(now=None) -> int:
    """Delete stored answers to idempotent writes older than `IDEMPOTENCY_KEPT_FOR`; returns how many."""
    cutoff = (now or timezone.now()) - IDEMPOTENCY_KEPT_FOR
    deleted, _by_model = IdempotentWrite.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _replay(record: IdempotentWrite) -> HttpResponse:
    response = HttpResponse(record.body, status=record.status_code, content_type=record.content_type)
    response["Idempotent-Replayed"] = "true"
    return response


def _run_idempotent(run, request, args, kwargs):
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    token = token_from_request(request)
    if token is None or not key or len(key) > MAX_KEY_LENGTH:
        # No token: the call fails on authentication. A missing or overlong key fails on the header's validation.
        return run(request, *args, **kwargs)
    request_hash = _request_hash(request)
    try:
        with transaction.atomic():
            record, created = IdempotentWrite.objects.get_or_create(
                token=token, key=key, defaults={"request_hash": request_hash}
            )
    except IntegrityError:
        record, created = IdempotentWrite.objects.get(token=token, key=key), False
    if not created:
        if record.request_hash != request_hash:
            return problem_response(
                request,
                422,
                "idempotency-key-reused",
                _("This Idempotency-Key was used for another request."),
                _("Use a new key for a new request; send the same request to retry with the same key."),
                [field_error("header", IDEMPOTENCY_HEADER, _("Already used for a different request."))],
            )
        if record.status_code is None:
            return problem_response(
                request,
                409,
                "idempotency-in-progress",
                _("The first request with this Idempotency-Key is still running."),
                _("Wait a moment and try again."),
            )
        return _replay(record)
    try:
        response = run(request, *args, **kwargs)
    except BaseException:
        record.delete()
        raise
    if response.status_code >= 500 or response.status_code in (401, 403, 409, 429):
        record.delete()  # nothing happened: a retry should really run
    else:
        record.status_code = response.status_code
        record.content_type = response.get("Content-Type", "")
        record.body = response.content.decode()
        record.save(update_fields=["status_code", "content_type", "body"])
    return response


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [part.strip() for part in header.split(",")]
    bare = etag.removeprefix("W/")
    return "*" in candidates or any(c.removeprefix("W/") == bare for c in candidates)


def _with_etag(request, response):
    if response.status_code != 200 or response.streaming:
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
    response["ETag"] = etag
    if _etag_matches(request.headers.get("If-None-Match", ""), etag):
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = etag
        for name in ("Cache-Control", "Vary"):
            if name in response:
                not_modified[name] = response[name]
        return not_modified
    return response


def _path_ids(kwargs) -> dict:
    """The ids in the path (strings before validation): kept when they are numbers, nothing else."""
    out = {}
    for name, value in kwargs.items():
        if name.endswith("_id") and str(value).isdigit() and len(str(value)) <= 10:
            out[name] = int(value)
    return out


def api_call(run):
    """Wraps every operation (before validation): see the module's docstring."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        if request.method in WRITE_METHODS and request.headers.get(IDEMPOTENCY_HEADER):
            response = _run_idempotent(run, request, args, kwargs)
        else:
            response = run(request, *args, **kwargs)
        token = getattr(request, "auth", None)
        response["Vary"] = "Authorization, Accept-Language"
        response["Cache-Control"] = "private, no-cache" if token else "no-cache"
        if request.method in ("GET", "HEAD"):
            response = _with_etag(request, response)
        if isinstance(token, ApiToken):
            match = getattr(request, "resolver_match", None)
            audit_record(
                actor=None,
                event="api.called",
                obj=token,
                token=token.prefix,
                method=request.method,
                operation=match.url_name if match else "",
                status=response.status_code,
                **_path_ids(kwargs),
            )
        return response

    return wrapper
