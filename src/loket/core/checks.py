"""Deployment checks of Loket's own settings (`loket-manage check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def public_url_check(app_configs, **kwargs):
    """Every link in an e-mail starts with LOKET_PUBLIC_URL: left at its local default, they lead nowhere."""
    host = urlsplit(settings.LOKET_PUBLIC_URL).hostname or ""
    if host in ("", "127.0.0.1", "localhost", "testserver"):
        return [
            Warning(
                f"LOKET_PUBLIC_URL is {settings.LOKET_PUBLIC_URL!r}: the links in e-mails lead to this machine.",
                hint="Set LOKET_PUBLIC_URL to the address people use, e.g. https://loket.deinze.be.",
                id="loket.W001",
            )
        ]
    return []
