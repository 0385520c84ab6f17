"""Families never upload anything (proof is seen, not kept). Only the pages that need one file (a desk's logo, the
agency's location file) accept it: they are marked with `accepts_upload`, and the middleware refuses a file sent to any
other page with 400, so no form can become a side door for storing documents."""

from django.http import HttpResponseBadRequest


def accepts_upload(view):
    view.loket_accepts_upload = True
    return view


class RefuseUnexpectedUploadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.content_type.startswith("multipart/"):
            return None
        if getattr(view_func, "loket_accepts_upload", False) or getattr(view_func, "csrf_exempt", False):
            # The API (csrf-exempt) reads its own body and takes no files in its schemas; parsing it here would
            # consume the stream. Every form page has been parsed by the CSRF check already, so this costs nothing.
            return None
        if not request.FILES:
            return None
        return HttpResponseBadRequest("This page does not accept files.", content_type="text/plain")
