from django.db import models


class DepartmentReportQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state="approved")

    def awaiting_review(self):
        return self.filter(state="submitted")

    def for_year(self, year: int):
        return self.filter(round__year=year)
