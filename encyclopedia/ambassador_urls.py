from django.urls import path

from . import ambassador_views as views

app_name = "encyclopedia-ambassador"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("ny/", views.entry_create, name="entry-create"),
    path("<int:pk>/", views.entry_view, name="entry"),
    path("<int:pk>/andra/", views.entry_edit, name="entry-edit"),
    path("<int:pk>/skicka-in/", views.entry_submit, name="entry-submit"),
]
