from django.urls import path

from . import views

app_name = "followup"
urlpatterns = [
    path("uppfoljning/", views.year_list, name="years"),
    path("uppfoljning/metod/", views.method, name="method"),
    path("uppfoljning/<int:year>/", views.overview, name="overview"),
    path("uppfoljning/<int:year>/<str:short_name>/", views.department, name="department"),
]
