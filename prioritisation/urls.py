from django.urls import path

from . import views

app_name = "prioritisation"
urlpatterns = [
    path("prioritering/", views.published, name="list"),
]
