from .ambassador_views import pages

app_name = "encyclopedia-ambassador"
urlpatterns = pages.urls()
