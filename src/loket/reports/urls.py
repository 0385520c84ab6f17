from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tabel/<slug:key>/", views.table, name="table"),
    path("export/<slug:key>.<str:fmt>", views.export, name="export"),
    path("jaarrapport/", views.yearly_report, name="yearly"),
    path("agentschap/", views.agency, name="agency"),
    path("agentschap/export.<str:fmt>", views.agency_export, name="agency_export"),
    path("regio/", views.regional, name="regional"),
    path("regio/export.<str:fmt>", views.regional_export, name="regional_export"),
]
