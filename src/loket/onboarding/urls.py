from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("", views.desk_list, name="desks"),
    path("nieuw/", views.desk_new, name="desk_new"),
    path("<slug:slug>/", views.desk_setup, name="desk"),
    path("<slug:slug>/gegevens/", views.desk_details, name="details"),
    path("<slug:slug>/teksten/", views.desk_texts, name="texts"),
    path("<slug:slug>/huisstijl/", views.desk_identity, name="identity"),
    path("<slug:slug>/wijken/", views.neighbourhoods, name="neighbourhoods"),
    path("<slug:slug>/locaties/", views.locations_import, name="locations"),
    path("<slug:slug>/beheerder/", views.invite_admin, name="invite_admin"),
]
