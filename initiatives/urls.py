from django.urls import path

from . import feeds, views

app_name = "initiatives"
urlpatterns = [
    path("insatser/", views.initiative_list, name="list"),
    path("insatser/<int:pk>/", views.initiative_detail, name="detail"),
    path("insatser/flode/rss/", feeds.PublishedInitiativesFeed(), name="feed-rss"),
    path("insatser/flode/atom/", feeds.PublishedInitiativesAtomFeed(), name="feed-atom"),
]
