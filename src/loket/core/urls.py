from django.urls import path

from . import site, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.landing, name="landing"),
    path("gezin/", views.family_home, name="family_home"),
    path("loket/", views.desk_home, name="desk_home"),
    path("aanbieder/", views.provider_home, name="provider_home"),
    path("partner/", views.partner_home, name="partner_home"),
    path("ondersteuning/", views.support_home, name="support_home"),
    path("cijfers/", views.policy_home, name="policy_home"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", site.security_txt, name="security_txt"),
    path("favicon.ico", site.favicon, name="favicon"),
    path("health/live", views.health_live, name="health_live"),
    path("health/ready", views.health_ready, name="health_ready"),
]
