from core.review import ReviewQuerySet


class DepartmentReportQuerySet(ReviewQuerySet):
    """``published()`` are the approved reports: those are public."""
