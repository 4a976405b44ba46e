from django.urls import path

from . import views

app_name = "keyfigures"
urlpatterns = [
    path("nyckeltal/", views.indicator_list, name="list"),
    path("nyckeltal/jamfor/", views.indicator_compare, name="compare"),
    path("nyckeltal/<int:pk>/", views.indicator, name="indicator"),
    path("nyckeltal/<int:pk>/tabell.csv", views.indicator_csv, name="csv"),
]
