from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("om/<slug:slug>/", views.page_detail, name="page"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
]
