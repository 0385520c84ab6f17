from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    # public
    path("vraag/", views.ask, name="ask"),
    path("vraag/suggesties/", views.suggestions, name="suggestions"),
    path("vraag/volgen/<str:token>/", views.follow, name="follow"),
    path("vraag/volgen/<str:token>/stap/", views.follow_step, name="follow_step"),
    path("kennisbank/", views.articles, name="articles"),
    path("kennisbank/nieuw/", views.article_edit, name="article_new"),
    path("kennisbank/<slug:slug>/", views.article, name="article"),
    path("kennisbank/<slug:slug>/bewerken/", views.article_edit, name="article_edit"),
    path("activiteiten/", views.events, name="events"),
    path("activiteiten/<int:pk>/", views.event, name="event"),
    path("activiteiten/<int:pk>/agenda.ics", views.event_ics, name="event_ics"),
    path("inschrijving/<str:token>/", views.registration, name="registration"),
    # support agents
    path("", views.queue, name="queue"),
    path("vragen/nieuw/", views.log_question, name="log_question"),
    path("vragen/<int:pk>/", views.question, name="question"),
    path("vragen/<int:pk>/doorverwijzen/", views.refer, name="refer"),
    path("vragen/<int:pk>/afsluiten/", views.close, name="close"),
    path("standaardantwoorden/", views.canned, name="canned"),
    path("cijfers/", views.figures, name="figures"),
    path("beheer/activiteiten/", views.events_manage, name="events_manage"),
    path("beheer/activiteiten/nieuw/", views.event_new, name="event_new"),
    path("beheer/activiteiten/<int:pk>/", views.event_manage, name="event_manage"),
    path("beheer/aanwezigheid.csv", views.attendance_csv, name="attendance_csv"),
    # partners
    path("partner/", views.partner_queue, name="partner_queue"),
    path("partner/vragen/<int:pk>/", views.partner_question, name="partner_question"),
    path("partner/vragen/<int:pk>/coaching/", views.partner_coaching, name="partner_coaching"),
    path("partner/vragen/<int:pk>/afsluiten/", views.partner_close, name="partner_close"),
    path("starters/", views.tracks, name="tracks"),
    path("starters/<int:pk>/", views.track, name="track"),
    # providers and the families' desk
    path("mijn-vragen/", views.my_questions, name="my_questions"),
    path("signaleren/", views.signal, name="signal"),
]
