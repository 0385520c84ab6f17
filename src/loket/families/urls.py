from django.urls import path

from . import views

app_name = "families"

STEP = "<slug:step>/"

urlpatterns = [
    # Registering on the website
    path("gezin/aanvraag/", views.register, name="register"),
    path("gezin/aanvraag/opnieuw/", views.register_restart, name="register_restart"),
    path("gezin/aanvraag/klaar/", views.register_done, name="register_done"),
    path("gezin/aanvraag/stap/" + STEP, views.register_step, name="register_step"),
    # Signing in without a password
    path("gezin/aanmelden/", views.sign_in, name="sign_in"),
    path("gezin/aanmelden/link/<str:token>/", views.sign_in_link, name="sign_in_link"),
    path("gezin/aanmelden/code/", views.code_sign_in, name="code_sign_in"),
    path("gezin/privacy/", views.privacy_text, name="privacy_text"),
    path("gezin/wachtwoord/", views.set_password, name="set_password"),
    # The status page's actions
    path("gezin/aanvraag/<int:pk>/keuzes/", views.change_choices, name="change_choices"),
    path("gezin/aanvraag/<int:pk>/wensen/", views.change_wishes, name="change_wishes"),
    path("gezin/aanvraag/<int:pk>/stoppen/", views.withdraw, name="withdraw"),
    path("gezin/aanvraag/<int:pk>/nog-zoekend/", views.still_looking, name="still_looking"),
    path("gezin/aanbod/<int:pk>/", views.offer_answer, name="offer_answer"),
    # Registering at the desk, on the family's behalf
    path("loket/inschrijven/", views.desk_register, name="desk_register"),
    path("loket/inschrijven/opnieuw/", views.desk_register_restart, name="desk_register_restart"),
    path("loket/inschrijven/klaar/", views.desk_register_done, name="desk_register_done"),
    path("loket/inschrijven/stap/" + STEP, views.desk_register_step, name="desk_register_step"),
]
