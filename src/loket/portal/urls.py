from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.landing, name="landing"),
    path("gezin/", views.family_home, name="family_home"),
    path("loket/", views.desk_home, name="desk_home"),
    path("aanbieder/", views.provider_home, name="provider_home"),
    path("partner/", views.partner_home, name="partner_home"),
    path("ondersteuning/", views.support_home, name="support_home"),
    path("cijfers/", views.policy_home, name="policy_home"),
]
