"""The browsable API documentation: Swagger UI, served from our own static files under the same strict CSP as every
other page (no inline script, no inline style; tests/api/test_api_docs_page.py opens it in Chromium and fails on any
CSP violation). The policy is set explicitly so a change of the global one is a conscious change here too."""

from django.shortcuts import render
from django.urls import reverse

from loket.core.middleware import CSP

DOCS_CSP = CSP


def docs(request):
    response = render(request, "api/docs.html", {"openapi_url": reverse("api:openapi-json")})
    response["Content-Security-Policy"] = DOCS_CSP
    return response
