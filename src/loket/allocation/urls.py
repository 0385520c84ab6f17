from django.urls import path

from . import views

app_name = "allocation"

urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/draaien/", views.round_run, name="round_run"),
    path("<int:pk>/voortgang/", views.round_progress, name="round_progress"),
    path("<int:pk>/opnieuw/", views.round_job_retry, name="round_job_retry"),
    path("<int:pk>/publiceren/", views.round_publish, name="round_publish"),
    path("<int:pk>/controle/", views.round_recheck, name="round_recheck"),
    path("<int:pk>/instance.json", views.round_instance, name="round_instance"),
    path("<int:pk>/result.json", views.round_result, name="round_result"),
    path("dringend/", views.urgent, name="urgent"),
    path("herbeoordeling/", views.reviews, name="reviews"),
    path("herbeoordeling/<int:pk>/", views.review_detail, name="review_detail"),
    path("wachtlijsten/", views.waiting_lists, name="waiting_lists"),
    path("wachtlijsten/<int:pk>/", views.waiting_list_detail, name="waiting_list"),
    path("voorstellen/", views.proposals, name="proposals"),
    path("voorstellen/<int:pk>/", views.proposal_decide, name="proposal_decide"),
    path("plaatsingen/<int:pk>/", views.placement_record, name="placement_record"),
    path("herbeoordeling/vraag/<int:pk>/", views.family_review, name="family_review"),
]
