from django.urls import path

from . import views

app_name = "ambassadors"
urlpatterns = [
    path("natverket/", views.network, name="network"),
    path("natverket/<str:short_name>/", views.department_detail, name="department"),
]
