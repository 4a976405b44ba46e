from .indicators import Gender, Indicator, IndicatorValue, Municipality
from .priorities import Budget, Intervention
from .reports import SCORE_HELP, Assessment, DepartmentReport, FollowupRound, PlanningPhase, Score

__all__ = [
    "SCORE_HELP",
    "Assessment",
    "Budget",
    "DepartmentReport",
    "FollowupRound",
    "Gender",
    "Indicator",
    "IndicatorValue",
    "Intervention",
    "Municipality",
    "PlanningPhase",
    "Score",
]
