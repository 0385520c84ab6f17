"""Error pages in the user's language, within the normal layout."""

from django.shortcuts import render


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"code": 403}, status=403)


def not_found(request, exception=None):
    return render(request, "core/error.html", {"code": 404}, status=404)


def server_error(request):
    return render(request, "core/error_500.html", status=500)
