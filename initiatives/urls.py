from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("insatser/", views.initiative_list, name="list"),
    path("insatser/<int:pk>/", views.initiative_detail, name="detail"),
]
