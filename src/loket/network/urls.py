from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("nieuw/", views.entry_new, name="entry_new"),
    path("mijn-organisatie/", views.my_entry, name="my_entry"),
    path("<int:pk>/", views.entry, name="entry"),
    path("<int:pk>/bewerken/", views.entry_edit, name="entry_edit"),
]
