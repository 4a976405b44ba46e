from django.db import models


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_ambassador_count(self):
        """Each department with ``ambassador_count``: its active ambassadors (an ambassador
        whose user account is closed does not count)."""
        active = models.Q(ambassadors__is_active=True, ambassadors__user__is_active=True)
        return self.annotate(
            ambassador_count=models.Count("ambassadors", filter=active, distinct=True)
        )

    def without_ambassador(self):
        """Active departments that no active ambassador represents (each should have one)."""
        return self.active().with_ambassador_count().filter(ambassador_count=0)


class AmbassadorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)

    def public(self):
        """Ambassadors who agreed to be shown on the public site."""
        return self.active().filter(is_public=True)

    def for_department(self, department):
        return self.active().filter(departments=department)


class TeamMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)
