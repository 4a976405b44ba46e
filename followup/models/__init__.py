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
    "DepartmentReport",
    "FollowupRound",
    "PlanningPhase",
    "Reminder",
    "Score",
]
