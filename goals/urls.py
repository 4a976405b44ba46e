from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("styrdokument/", views.register, name="register"),
    path("styrdokument/<int:pk>/", views.document, name="document"),
]
