from .ambassador_views import pages

app_name = "ambassador"
urlpatterns = pages.urls(prefix="insatser/")
