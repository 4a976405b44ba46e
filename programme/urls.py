from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("", views.home, name="home"),
    path("program/", views.programme_list, name="programme-list"),
    path("program/<slug:slug>/", views.programme_detail, name="programme"),
    path("program/<slug:slug>/<slug:code>/", views.node_detail, name="node"),
    path("ramverk/", views.framework_list, name="framework-list"),
    path("ramverk/<slug:code>/", views.tag_detail, name="tag"),
]
