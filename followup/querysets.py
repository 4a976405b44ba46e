from core.review import ReviewQuerySet


class DepartmentReportQuerySet(ReviewQuerySet):
    """``published()`` are the approved reports: those are public."""

    def for_year(self, year: int):
        return self.filter(round__year=year)
