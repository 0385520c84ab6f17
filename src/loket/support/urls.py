from django.urls import path

from .events import views as events
from .knowledge import views as knowledge
from .questions import public_views as asking
from .questions import views as questions
from .starters import views as starters

app_name = "support"

urlpatterns = [
    # public: asking and following a question
    path("vraag/", asking.ask, name="ask"),
    path("vraag/suggesties/", asking.suggestions, name="suggestions"),
    path("vraag/artikel/<slug:slug>/", asking.suggested_article, name="suggested_article"),
    path("vraag/volgen/<str:token>/", asking.follow, name="follow"),
    path("vraag/volgen/<str:token>/bijlagen/<int:pk>/", asking.follow_attachment, name="follow_attachment"),
    # public: knowledge base
    path("kennisbank/", knowledge.articles, name="articles"),
    path("kennisbank/nieuw/", knowledge.article_edit, name="article_new"),
    path("kennisbank/<slug:slug>/", knowledge.article, name="article"),
    path("kennisbank/<slug:slug>/bewerken/", knowledge.article_edit, name="article_edit"),
    # public: events and registrations
    path("activiteiten/", events.events, name="events"),
    path("activiteiten/<int:pk>/", events.event, name="event"),
    path("activiteiten/<int:pk>/agenda.ics", events.event_ics, name="event_ics"),
    path("inschrijving/<str:token>/", events.registration, name="registration"),
    path("inschrijving/<str:token>/agenda.ics", events.registration_ics, name="registration_ics"),
    # starters: signing up and their own track
    path("starten/", starters.start, name="start"),
    path("starten/link/<str:token>/", starters.sign_in_link, name="starter_link"),
    path("starten/mijn-traject/", starters.my_track, name="my_track"),
    path("starten/mijn-traject/stap/", starters.my_step, name="my_step"),
    path("starten/mijn-traject/plan/", starters.my_plan, name="my_plan"),
    path("starten/mijn-traject/intake/", starters.my_intake, name="my_intake"),
    path("starten/mijn-traject/opening/", starters.my_opening, name="my_opening"),
    # support agents
    path("", questions.queue, name="queue"),
    path("vragen/nieuw/", questions.log_question, name="log_question"),
    path("vragen/<int:pk>/", questions.question, name="question"),
    path("vragen/<int:pk>/aanwezig/", questions.presence, name="presence"),
    path("vragen/<int:pk>/bijlagen/<int:attachment_pk>/", questions.attachment, name="attachment"),
    path("vragen/<int:pk>/doorverwijzen/", questions.refer, name="refer"),
    path("vragen/<int:pk>/toewijzen/", questions.assign, name="assign"),
    path("vragen/<int:pk>/labels/", questions.tags, name="tags"),
    path("vragen/<int:pk>/samenvoegen/", questions.merge, name="merge"),
    path("vragen/<int:pk>/afsluiten/", questions.close, name="close"),
    path("standaardantwoorden/", questions.canned, name="canned"),
    path("standaardantwoorden/nieuw/", questions.canned_edit, name="canned_new"),
    path("standaardantwoorden/<int:pk>/", questions.canned_edit, name="canned_edit"),
    path("sluitingsdagen/", questions.closing_days, name="closing_days"),
    path("cijfers/", questions.figures, name="figures"),
    path("beheer/activiteiten/", events.events_manage, name="events_manage"),
    path("beheer/activiteiten/nieuw/", events.event_new, name="event_new"),
    path("beheer/activiteiten/<int:pk>/", events.event_manage, name="event_manage"),
    path("beheer/activiteiten/<int:pk>/wijzigen/", events.event_edit, name="event_edit"),
    path("beheer/activiteiten/<int:pk>/bericht/", events.event_message, name="event_message"),
    path(
        "beheer/activiteiten/<int:pk>/inschrijvingen/<int:registration_pk>/verplaatsen/",
        events.registration_move,
        name="registration_move",
    ),
    path("beheer/inchecken/<str:token>/", events.check_in, name="check_in"),
    path("beheer/aanwezigheid.csv", events.attendance_csv, name="attendance_csv"),
    # partners
    path("partner/", questions.partner_queue, name="partner_queue"),
    path("partner/vragen/<int:pk>/", questions.partner_question, name="partner_question"),
    path(
        "partner/vragen/<int:pk>/bijlagen/<int:attachment_pk>/",
        questions.partner_attachment,
        name="partner_attachment",
    ),
    path("partner/vragen/<int:pk>/coaching/", questions.partner_coaching, name="partner_coaching"),
    path("partner/vragen/<int:pk>/afsluiten/", questions.partner_close, name="partner_close"),
    # agents and partners follow starters
    path("starters/", starters.starters, name="starters"),
    path("starters/<int:pk>/", starters.starter, name="starter"),
    path("starters/<int:pk>/aanbieder/", starters.starter_provider, name="starter_provider"),
    # providers and the families' desk
    path("mijn-vragen/", questions.my_questions, name="my_questions"),
    path("signaleren/", questions.signal, name="signal"),
]
