from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("download.json", views.download_json, name="download_json"),
    path("download.pdf", views.download_pdf, name="download_pdf"),
    path("wissen/", views.ask_erasure, name="ask_erasure"),
]
