from django.urls import path

from . import site, views

app_name = "core"

urlpatterns = [
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", site.security_txt, name="security_txt"),
    path("favicon.ico", site.favicon, name="favicon"),
    path("health/live", views.health_live, name="health_live"),
    path("health/ready", views.health_ready, name="health_ready"),
]
