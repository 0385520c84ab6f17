"""Links in e-mails point at the real host: `LOKET_PUBLIC_URL` (the address people use, set per deployment)."""

from django.conf import settings


def public_url(path: str, base_url: str | None = None) -> str:
    """The absolute address of `path` on the public host (or on `base_url`, the host a request came in on)."""
    base = base_url or settings.LOKET_PUBLIC_URL
    return base.rstrip("/") + path
