from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("entries", views.EntryViewSet, basename="entry")
router.register("followup-scores", views.AssessmentViewSet, basename="followup-score")
router.register("followup-figures", views.FollowupFiguresViewSet, basename="followup-figures")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("goal-documents", views.SteeringDocumentViewSet, basename="goal-document")
router.register("goal-formulations", views.GoalFormulationViewSet, basename="goal-formulation")
router.register("interventions", views.InterventionViewSet, basename="intervention")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator-value")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
    re_path(r"^.*$", views.not_found),
]
