from django.urls import path

from . import ambassador_views as views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:round_pk>/<str:short_name>/borja/", views.start, name="start"),
    path("rapporter/<int:pk>/", views.detail, name="detail"),
    path("rapporter/<int:pk>/andra/", views.edit, name="edit"),
    path("rapporter/<int:pk>/skicka-in/", views.submit, name="submit"),
]
