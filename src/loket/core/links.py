"""Links in e-mails point at the real host: `LOKET_PUBLIC_URL` (the address people use, set per deployment)."""

from django.conf import settings


def public_url(path: str) -> str:
    """The absolute address of `path` on the public host. Never the host a request came in on: a mail written while a
    worker uses an internal address, or by a background job, must still lead people to the address they know."""
    return settings.LOKET_PUBLIC_URL.rstrip("/") + path
