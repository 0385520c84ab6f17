"""Error pages in the user's language, within the normal layout."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from .logs import route_of

DATABASE_ERRORS = (OperationalError, InterfaceError)


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"code": 403}, status=403)


def not_found(request, exception=None):
    return render(request, "core/error.html", {"code": 404}, status=404)


def database_unavailable(request) -> HttpResponse:
    """503 with a page that says what happened and that nothing saved is lost; it needs no database to render."""
    logging.getLogger("loket.database").warning("database.unavailable route=%s", route_of(request))
    response = HttpResponse(render_to_string("core/error_503.html"), status=503)
    response["Retry-After"] = "10"
    return response


def server_error(request):
    # The database can also fail outside a view (loading or saving the session during a restart): the same clear 503.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return render(request, "core/error_500.html", status=500)
