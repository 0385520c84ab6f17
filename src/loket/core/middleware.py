"""Security headers Django 5.2 does not set itself."""

from django.conf import settings

# No inline scripts anywhere; styles only from our own files. The admin (Django's own templates) still uses a few style
# attributes, so only the management screens allow inline styles.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
CSP_ADMIN = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/beheer/"

    def __call__(self, request):
        response = self.get_response(request)
        csp = CSP_ADMIN if request.path.startswith(self.admin_prefix) else CSP
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if getattr(settings, "LOKET_NO_STORE_FOR_SIGNED_IN", True) and request.user.is_authenticated:
            # Pages of signed-in people hold personal data: never keep them in a shared or back-button cache.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class DatabaseUnavailableMiddleware:
    """When the database is briefly unreachable (a restart, a failover), answer 503 with a page that says what happened
    and that nothing saved is lost, and tell clients when to retry. The page needs no database to render."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .errors import DATABASE_ERRORS, database_unavailable

        if not isinstance(exception, DATABASE_ERRORS):
            return None
        return database_unavailable(request)
