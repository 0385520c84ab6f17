"""The public API, version 1, at /api/v1/ (see docs/api.md). Its own access rules: tokens, not sign-in, so the
namespace is listed in `OWN_RULES_NAMESPACES` and tested in tests/api."""

from django.urls import path

from . import views
from .api import api

app_name = "api"

urlpatterns = [
    path("docs/", views.docs, name="docs"),
    *api.urls[0],
]
