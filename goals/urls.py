from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("styrdokument/", views.register, name="register"),
    path("styrdokument/vita-falt/", views.white_fields, name="white-fields"),
]
