"""Issuing, checking and rate-limiting API tokens."""

import hashlib
import secrets

from django.utils import timezone

from loket.accounts.choices import Role
from loket.accounts.policies import Scope
from loket.audit.services import audit_record
from loket.core.ratelimit import count_in_window

from .models import ApiToken

TOKEN_PREFIX = "lkt_"  # noqa: S105 (a marker that makes leaked tokens easy to find, not a secret)
PREFIX_LENGTH = 12  # "lkt_" and 8 random characters: enough to recognise a token, useless to guess it
RATE_WINDOW_SECONDS = 60


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def token_issue(*, name: str, kind: str, organiser=None, actor=None, rate_limit_per_minute: int = 120):
    """Create a token; returns (token, plain). The plain token is never stored: show it once."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name,
        kind=kind,
        organiser=organiser,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        rate_limit_per_minute=rate_limit_per_minute,
    )
    token_set_secret(token, plain)
    token.full_clean()
    token.save()
    audit_record(actor=actor, event="api_token.created", obj=token, kind=token.kind)
    return token, plain


def token_revoke(*, token: ApiToken, actor) -> bool:
    """Revoke a token at once (it is kept, so the audit trail keeps pointing at it). False if it was revoked already."""
    if token.revoked_at is not None:
        return False
    token.revoke()
    audit_record(actor=actor, event="api_token.revoked", obj=token)
    return True


def token_set_secret(token: ApiToken, plain: str) -> None:
    token.prefix = plain[:PREFIX_LENGTH]
    token.token_hash = hash_token(plain)


def token_from_header(value: str) -> ApiToken | None:
    """The active token for an `Authorization: Bearer …` value, or None. Cached on nothing: revocation is immediate."""
    if not value:
        return None
    scheme, _, plain = value.partition(" ")
    plain = plain.strip()
    if scheme.lower() != "bearer" or not plain or len(plain) > 200:
        return None
    token = ApiToken.objects.active().select_related("organiser").filter(token_hash=hash_token(plain)).first()
    if token is not None and (
        token.last_used_at is None or (timezone.now() - token.last_used_at).total_seconds() > 60
    ):
        # At most one write a minute per token, so a busy client does not turn every read into a write.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def token_from_request(request) -> ApiToken | None:
    if not hasattr(request, "_loket_api_token"):
        request._loket_api_token = token_from_header(request.headers.get("Authorization", ""))
    return request._loket_api_token


def rate_limit_wait(token: ApiToken, *, now: float | None = None) -> int | None:
    """Count one call against the token's limit (a fixed window in the shared cache, the rate limit's one counter).
    Returns the seconds to wait when the limit is reached, else None."""
    calls, wait = count_in_window(f"api:{token.pk}", window=RATE_WINDOW_SECONDS, now=now)
    return wait if calls > token.rate_limit_per_minute else None


def scope_of_token(token: ApiToken) -> Scope:
    """The same `Scope` a provider's staff member of the organiser has, so the same selectors narrow the API."""
    if token.kind == "provider":
        return Scope(roles=frozenset({Role.PROVIDER_STAFF}), organiser_ids=frozenset({token.organiser_id}))
    return Scope(roles=frozenset({Role.POLICY_VIEWER}), regional=True)
