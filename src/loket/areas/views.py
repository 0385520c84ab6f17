"""A desk's public face: its own page with its identity (name, logo, colour, texts in the reader's language), the
stylesheet and logo behind it, and the accessibility statement with the desk's contact. The privacy statement lives with
the data inventory (privacy app); robots.txt, the favicon and security.txt are the site's (core)."""

from datetime import date

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import selectors
from .models import Desk

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
    selectors.desk_remember(request, desk)
    return render(
        request,
        "areas/desk_public.html",
        {
            "desk": desk,
            "site_desk": desk,
            "texts": selectors.desk_texts(desk=desk, language=get_language()),
            "site_desk_texts": selectors.desk_texts(desk=desk, language=get_language()),
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
    palette = selectors.desk_palette(desk)
    primary, hover = palette["primary"], palette["hover"]
    css = (
        f".loket-theme {{ --loket-color-primary: {primary}; --loket-color-primary-hover: {hover}; }}\n"
        f".loket-swatch--desk {{ background: {primary}; }}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_GET
def accessibility_statement(request):
    desk = selectors.desk_for_public_page(request)
    return render(
        request,
        "areas/accessibility.html",
        {
            "desk": desk,
            "desks": Desk.objects.order_by("name") if desk is None else (),
            "statement": ACCESSIBILITY,
            "ombudsman": OMBUDSMAN,
            "site": request.get_host(),
        },
    )
