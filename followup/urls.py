from django.urls import path

from . import views

app_name = "followup"
urlpatterns = [
    path("uppfoljning/", views.year_list, name="years"),
    path("uppfoljning/metod/", views.method, name="method"),
    path("uppfoljning/<int:year>/", views.overview, name="overview"),
    path("uppfoljning/<int:year>/rapport/", views.report, name="report"),
    path("uppfoljning/<int:year>/rapport.pdf", views.report_pdf, name="report-pdf"),
    path("uppfoljning/<int:year>/<str:short_name>/", views.department, name="department"),
]
