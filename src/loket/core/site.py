"""What every public website owes its visitors besides its pages: robots.txt, a favicon and security.txt (RFC 9116).
A desk's own page and the accessibility statement are the desk's (areas); the privacy statement the inventory's."""

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Public information may be indexed; the pages of families, staff and the API may not."""
    disallowed = [
        "/gezin/",
        "/loket/",
        "/rondes/",
        "/aanbieder/",
        "/partner/",
        "/rapporten/",
        "/cijfers/",
        "/ondersteuning/",
        "/voorzet/partner/",
        "/loketten/",
        "/account/",
        "/beheer/",
        "/api/",
        "/taal/",
    ]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed), ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def security_txt(request):
    """RFC 9116: contact, expiry (from settings), preferred languages and the file's canonical address."""
    expires = settings.LOKET_SECURITY_TXT_EXPIRES
    if expires:
        moment = datetime.combine(
            date.fromisoformat(expires), time(23, 59, 59), tzinfo=timezone.get_current_timezone()
        )
    else:
        moment = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    lines = [f"Contact: {contact}" for contact in settings.LOKET_SECURITY_CONTACT]
    lines += [
        f"Expires: {moment.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri(reverse('core:security_txt'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask /favicon.ico whatever the page says: answer with the ICO from the static files."""
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    path = finders.find("loket/favicon.ico")
    if path:
        return FileResponse(open(path, "rb"), content_type="image/x-icon")
    return FileResponse(staticfiles_storage.open("loket/favicon.ico"), content_type="image/x-icon")
