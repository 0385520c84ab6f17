from django.urls import path

from . import views

app_name = "supply"

# /aanbieder/ itself is the provider's home page (portal:provider_home), which links into these pages.
urlpatterns = [
    path("vrije-plaatsen/", views.openings, name="openings"),
    path("vrije-plaatsen/<int:pk>/wijzigen/", views.opening_change, name="opening_change"),
    path("vrije-plaatsen/<int:pk>/intrekken/", views.opening_withdraw, name="opening_withdraw"),
    path("vrije-plaatsen/<int:pk>/bevestigen/", views.opening_confirm, name="opening_confirm"),
    path("locaties/<int:pk>/", views.location_detail, name="location"),
    path("locaties/<int:pk>/gegevens/", views.location_edit, name="location_edit"),
    path("locaties/<int:pk>/kinderen/", views.location_enrolled, name="location_enrolled"),
    path("locaties/<int:pk>/vrije-plaatsen/nieuw/", views.opening_declare, name="opening_declare"),
    path("locaties/<int:pk>/bevestigen/", views.location_confirm_all, name="location_confirm_all"),
    path("locaties/<int:pk>/aanvragen/", views.location_requests, name="location_requests"),
    path(
        "locaties/<int:pk>/aanvragen/<int:request_pk>/antwoord/", views.request_answer, name="request_answer"
    ),
    path("opvolging/", views.desk_follow_up, name="desk_follow_up"),
]
