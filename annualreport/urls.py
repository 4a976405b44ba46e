from django.urls import path

from . import views

app_name = "annualreport"
urlpatterns = [
    path("uppfoljning/<int:year>/rapport/", views.report, name="report"),
    path("uppfoljning/<int:year>/rapport.pdf", views.report_pdf, name="report-pdf"),
]
