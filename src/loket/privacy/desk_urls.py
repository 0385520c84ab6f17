"""The desk administrator's erasure pages (under /loket/wissen/)."""

from django.urls import path

from . import views

app_name = "privacy_desk"

urlpatterns = [
    path("", views.erasure_requests, name="erasure_requests"),
    path("<int:pk>/", views.erasure_request, name="erasure_request"),
]
