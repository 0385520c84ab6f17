from django.urls import include, path

from . import views

app_name = "casework"

urlpatterns = [
    path("opvolging/", views.queues, name="queues"),
    path("opvolging/<slug:slug>/", views.queue, name="queue"),
    path("zoeken/", views.search, name="search"),
    path("taken/", views.tasks, name="tasks"),
    path("taken/<int:pk>/klaar/", views.task_done, name="task_done"),
    path("dossier/<str:reference>/", views.case, name="case"),
    path("dossier/<str:reference>/notitie/", views.note_add, name="note_add"),
    path("dossier/<str:reference>/contact/", views.contact_add, name="contact_add"),
    path("dossier/<str:reference>/taak/", views.task_add, name="task_add"),
    path("dossier/<str:reference>/doorverwijzen/", views.referral_add, name="referral_add"),
    path("aanvraag/<int:pk>/dringend/", views.urgency, name="urgency"),
    path("aanvraag/<int:pk>/voorrang/", views.facts, name="facts"),
    path("aanvraag/<int:pk>/nagekeken/", views.mark_checked, name="mark_checked"),
    path("aanvraag/<int:pk>/nog-op-zoek/", views.reconfirm, name="reconfirm"),
    path("aanvraag/<int:pk>/samenvoegen/<int:duplicate_pk>/", views.merge, name="merge"),
    path("doorverwijzingen/", views.referrals, name="referrals"),
    path("doorverwijzingen/<int:pk>/begeleid/", views.referral_accompanied, name="referral_accompanied"),
    path("doorverwijzingen/<int:pk>/annuleren/", views.referral_cancel, name="referral_cancel"),
    path("partner/doorverwijzingen/", views.partner_referrals, name="partner_referrals"),
    path("partner/doorverwijzingen/<int:pk>/", views.partner_referral, name="partner_referral"),
    path(
        "partner/doorverwijzingen/<int:pk>/aanvaarden/",
        views.partner_referral_accept,
        name="partner_referral_accept",
    ),
    path(
        "partner/doorverwijzingen/<int:pk>/afsluiten/",
        views.partner_referral_close,
        name="partner_referral_close",
    ),
    path("overleg/", views.meetings, name="meetings"),
    path("overleg/nieuw/", views.meeting_new, name="meeting_new"),
    path("overleg/<int:pk>/", views.meeting, name="meeting"),
    path("overleg/<int:pk>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path("overleg/<int:pk>/actie/", views.action_add, name="action_add"),
    path("overleg/actie/<int:pk>/klaar/", views.action_done, name="action_done"),
    path("sociale-kaart/", include("loket.network.urls")),
]
