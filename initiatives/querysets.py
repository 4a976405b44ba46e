from django.db import models


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state="published")

    def awaiting_review(self):
        return self.filter(state="submitted")

    def for_department(self, department):
        """Led by the department or done with it as a partner."""
        return self.filter(
            models.Q(lead_department=department) | models.Q(partner_departments=department)
        ).distinct()
