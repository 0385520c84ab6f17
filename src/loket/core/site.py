"""What every public website owes its visitors: the desk's own page with its identity, the accessibility statement,
robots.txt, a favicon and security.txt (RFC 9116). The privacy statement lives with the data inventory (privacy app)."""

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from loket.areas import selectors as areas
from loket.areas.models import Desk

# The accessibility statement's facts, kept with the code they describe: review them with every release.
ACCESSIBILITY = {
    "standard": "WCAG 2.1 AA (EN 301 549)",
    "status": _("partially compliant"),
    "drawn_up": date(2026, 12, 3),
    "method": _(
        "a self-assessment: every page families use is checked with axe-core in Dutch and Arabic, at 320 px and "
        "1280 px, by keyboard only and without JavaScript, in the automated tests of every release"
    ),
    "exceptions": [
        _(
            "The yearly report for the municipality (PDF) is not a tagged PDF: screen readers cannot follow its "
            "tables. The same figures are on the reports pages and in the CSV and Excel downloads."
        ),
        _(
            "The management screens for staff (/beheer/) are Django's standard administration pages; they have not "
            "been audited. Everything staff do daily has its own accessible page."
        ),
        _(
            "The API documentation page for software developers uses a third-party viewer with contrast failures; "
            "the same document is available as OpenAPI JSON."
        ),
    ],
}
OMBUDSMAN = {
    "name": "Vlaamse Ombudsdienst",
    "address": "Leuvenseweg 86, 1000 Brussel",
    "phone": "0800 240 50",
    "email": "klachten@vlaamseombudsdienst.be",
    "url": "https://www.vlaamseombudsdienst.be",
}


@require_GET
def desk_public(request, slug):
    """A desk's own public page; visiting it makes the site speak for this desk (name, logo, colour, footer)."""
    desk = get_object_or_404(Desk.objects.prefetch_related("municipalities"), slug=slug)
    areas.desk_remember(request, desk)
    return render(
        request,
        "core/desk_public.html",
        {
            "desk": desk,
            "site_desk": desk,
            "texts": areas.desk_texts(desk=desk, language=get_language()),
            "site_desk_texts": areas.desk_texts(desk=desk, language=get_language()),
        },
    )


@require_GET
@cache_control(max_age=3600, public=True)
def desk_logo(request, slug):
    desk = get_object_or_404(Desk, slug=slug)
    if not desk.logo:
        raise Http404
    try:
        handle = default_storage.open(desk.logo)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/png")
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response


@require_GET
@cache_control(max_age=3600, public=True)
def desk_stylesheet(request, slug):
    """The desk's colour as the theme's primary colour (a stylesheet, since the CSP allows no inline styles)."""
    desk = get_object_or_404(Desk, slug=slug)
    palette = areas.desk_palette(desk)
    primary, hover = palette["primary"], palette["hover"]
    css = (
        f".loket-theme {{ --loket-color-primary: {primary}; --loket-color-primary-hover: {hover}; }}\n"
        f".loket-swatch--desk {{ background: {primary}; }}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_GET
def accessibility_statement(request):
    desk = areas.desk_for_public_page(request)
    return render(
        request,
        "core/accessibility.html",
        {
            "desk": desk,
            "desks": Desk.objects.order_by("name") if desk is None else (),
            "statement": ACCESSIBILITY,
            "ombudsman": OMBUDSMAN,
            "site": request.get_host(),
        },
    )


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
