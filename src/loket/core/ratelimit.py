"""Rate limits for forms anyone can send (a question, a registration, a sign-up, a sign-in): at most so many attempts
per network address and per key (an e-mail address, a file number) within a window, then a friendly message that says
how long to wait. One mechanism for every form.

Counts live in Django's cache, which every app process shares in production (Redis, or the database cache table, see
`conf/production.py`), so the limits hold on PostgreSQL and SQLite alike. Keys are hashed with the secret key: the
cache never holds an address or e-mail in clear. Limits come from `settings.LOKET_RATE_LIMITS` (name → per_address,
per_key, window in seconds), so a deployment tunes them without code.

Use:
    QUESTION_LIMIT = RateLimit("support.question", per_address=10, per_key=5, window=3600)

    wait = QUESTION_LIMIT.attempt(request, key=email)   # counts one attempt; seconds to wait when over the limit
    if wait:
        form.add_error(None, QUESTION_LIMIT.message(wait))

For sign-in, where only failures count: `exceeded(request, key)` before checking the password, `attempt(...)` after a
failure and `clear(key)` after a success.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def client_address(request) -> str | None:
    """The client's network address. Behind the reverse proxy it is the last one the proxy appended
    (`LOKET_TRUST_PROXY`, see docs/operations.md); otherwise the connection's own."""
    forwarded = (
        request.META.get("HTTP_X_FORWARDED_FOR", "") if getattr(settings, "LOKET_TRUST_PROXY", False) else ""
    )
    return (forwarded.split(",")[-1].strip() if forwarded else request.META.get("REMOTE_ADDR")) or None


def count_in_window(key: str, *, window: int, now: float | None = None) -> tuple[int, int]:
    """Count one more event for `key` in the current fixed window of `window` seconds, in the shared cache.
    Returns (events counted in this window, seconds until the window ends). The one counter every limit uses."""
    now = time.time() if now is None else now
    slot = int(now // window)
    bucket = f"loket-rl:{key}:{slot}"
    cache.add(bucket, 0, window + 5)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.set(bucket, 1, window + 5)
        count = 1
    return count, max(1, math.ceil((slot + 1) * window - now))


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value.strip().lower()}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class RateLimit:
    name: str
    per_address: int
    per_key: int
    window: int  # seconds

    def _limits(self) -> tuple[int, int, int]:
        configured = getattr(settings, "LOKET_RATE_LIMITS", {}).get(self.name, {})
        return (
            int(configured.get("per_address", self.per_address)),
            int(configured.get("per_key", self.per_key)),
            int(configured.get("window", self.window)),
        )

    def _keys(self, request, key: str | None) -> list[tuple[str, int]]:
        per_address, per_key, _window = self._limits()
        keys = []
        address = client_address(request) if request is not None else None
        if address and per_address:
            keys.append((f"{self.name}:a:{_digest('a', address)}", per_address))
        if key and per_key:
            keys.append((f"{self.name}:k:{_digest('k', key)}", per_key))
        return keys

    def _bucket(self, counter_key: str, now: float) -> str:
        return f"loket-rl:{counter_key}:{int(now // self._limits()[2])}"

    def _wait(self, now: float) -> int:
        window = self._limits()[2]
        return max(1, math.ceil((int(now // window) + 1) * window - now))

    def exceeded(self, request, key: str | None = None, *, now: float | None = None) -> int | None:
        """Seconds to wait when the address or the key has used up its attempts, else None. Counts nothing."""
        now = time.time() if now is None else now
        for counter_key, limit in self._keys(request, key):
            if (cache.get(self._bucket(counter_key, now)) or 0) >= limit:
                return self._wait(now)
        return None

    def attempt(self, request, key: str | None = None, *, now: float | None = None) -> int | None:
        """Count one attempt. Seconds to wait when it goes over the limit (the attempt must then be refused)."""
        now = time.time() if now is None else now
        window = self._limits()[2]
        over = False
        for counter_key, limit in self._keys(request, key):
            count, _wait = count_in_window(counter_key, window=window, now=now)
            over = over or count > limit
        return self._wait(now) if over else None

    def clear(self, key: str, *, now: float | None = None) -> None:
        """Forget the attempts counted for `key` (after a successful sign-in)."""
        now = time.time() if now is None else now
        for counter_key, _limit in self._keys(None, key):
            cache.delete(self._bucket(counter_key, now))

    @staticmethod
    def message(wait_seconds: int) -> str:
        minutes = max(1, math.ceil(wait_seconds / 60))
        return ngettext(
            "This form was sent many times in a short while. Please try again in %(minutes)s minute: what you "
            "typed is still here.",
            "This form was sent many times in a short while. Please try again in %(minutes)s minutes: what you "
            "typed is still here.",
            minutes,
        ) % {"minutes": minutes}


def honeypot_filled(request, field: str = "website") -> bool:
    """True when the hidden field that people never see (and robots fill in) has a value."""
    return bool(request.POST.get(field, "").strip())


def refused_message() -> str:
    return _(
        "We could not accept this form. Please check it and send it again: what you typed is still here."
    )
