from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("program/<slug:slug>/<slug:code>/", views.node_detail, name="node"),
    path("ramverk/<slug:code>/", views.tag_detail, name="tag"),
    path("natverket/", views.network, name="network"),
    path("natverket/<str:short_name>/", views.department_detail, name="department"),
    path("styrdokument/vita-falt/", views.white_fields, name="white-fields"),
]
