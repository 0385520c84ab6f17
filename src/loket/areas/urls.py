from django.urls import path

from . import views

app_name = "areas"

urlpatterns = [
    path("lokaal-loket/<slug:slug>/", views.desk_public, name="desk_public"),
    path("lokaal-loket/<slug:slug>/logo.png", views.desk_logo, name="desk_logo"),
    path("lokaal-loket/<slug:slug>/huisstijl.css", views.desk_stylesheet, name="desk_stylesheet"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
]
