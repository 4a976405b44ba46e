from .ambassador_views import pages

app_name = "reports"
urlpatterns = pages.urls()
