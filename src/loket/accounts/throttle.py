"""Throttling of sign-in attempts: after too many failures for one address (or from one network address) within a
window, signing in is refused for a while, with a message that says so without revealing whether the account exists.
Kept in the database, so every app process sees the same counts."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from loket.core.ratelimit import client_address as client_ip  # noqa: F401 - used as throttle.client_ip

from .models import SignInAttempt

MAX_FAILURES_PER_ACCOUNT = getattr(settings, "LOKET_SIGNIN_MAX_FAILURES", 5)
MAX_FAILURES_PER_IP = getattr(settings, "LOKET_SIGNIN_MAX_FAILURES_PER_IP", 30)
WINDOW = timedelta(minutes=getattr(settings, "LOKET_SIGNIN_LOCKOUT_MINUTES", 15))


def identity_hash(email: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{email.strip().lower()}".encode()).hexdigest()


def is_locked(*, email: str, ip: str | None) -> bool:
    since = timezone.now() - WINDOW
    recent = SignInAttempt.objects.filter(at__gte=since)
    if recent.filter(identity_hash=identity_hash(email)).count() >= MAX_FAILURES_PER_ACCOUNT:
        return True
    return bool(ip) and recent.filter(ip_address=ip).count() >= MAX_FAILURES_PER_IP


def record_failure(*, email: str, ip: str | None) -> None:
    SignInAttempt.objects.create(identity_hash=identity_hash(email), ip_address=ip)


def clear_failures(*, email: str) -> None:
    SignInAttempt.objects.filter(identity_hash=identity_hash(email)).delete()


def purge_old_attempts() -> int:
    return SignInAttempt.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()[0]
