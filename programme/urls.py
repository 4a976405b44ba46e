from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("program/", views.programme_list, name="programme-list"),
    path("program/<slug:slug>/", views.programme_detail, name="programme"),
    path("ramverk/", views.framework_list, name="framework-list"),
]
