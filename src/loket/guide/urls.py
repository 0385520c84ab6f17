from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("hoe-werkt-het/", views.how_it_works, name="how_it_works"),
    path("wat-kost-het/", views.cost, name="cost"),
    path("kinderopvang/zoeken/", views.finder, name="finder"),
    path("kinderopvang/locatie/<int:pk>/", views.location_detail, name="location"),
]
