from django.urls import path

from . import feeds, views

app_name = "encyclopedia"
urlpatterns = [
    path("uppslagsverk/", views.entry_list, name="list"),
    path("uppslagsverk/<int:pk>/", views.entry_detail, name="detail"),
    path("uppslagsverk/flode/rss/", feeds.PublishedEntriesFeed(), name="feed-rss"),
    path("uppslagsverk/flode/atom/", feeds.PublishedEntriesAtomFeed(), name="feed-atom"),
]
