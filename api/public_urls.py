from django.urls import path

from . import pages

app_name = "opendata"
urlpatterns = [path("oppna-data/", pages.datasets, name="datasets")]
