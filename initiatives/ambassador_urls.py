from django.urls import path

from . import ambassador_views as views

app_name = "ambassador"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("insatser/ny/", views.initiative_create, name="initiative-create"),
    path("insatser/<int:pk>/", views.initiative_view, name="initiative"),
    path("insatser/<int:pk>/andra/", views.initiative_edit, name="initiative-edit"),
    path("insatser/<int:pk>/skicka-in/", views.initiative_submit, name="initiative-submit"),
]
