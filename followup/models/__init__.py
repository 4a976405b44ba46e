from .indicators import Gender, Indicator, IndicatorValue, Municipality
from .jobs import Job
from .priorities import Budget, Decision, Intervention
from .reports import (
    SCORE_HELP,
    Assessment,
    DepartmentReport,
    FollowupRound,
    PlanningPhase,
    Reminder,
    Score,
)

__all__ = [
    "SCORE_HELP",
    "Assessment",
    "Budget",
    "Decision",
    "DepartmentReport",
    "FollowupRound",
    "Gender",
    "Indicator",
    "IndicatorValue",
    "Intervention",
    "Job",
    "Municipality",
    "PlanningPhase",
    "Reminder",
    "Score",
]
