from django.db import models

from ambassadors.models import Department
from core.review import ReviewQuerySet


def under_way_in(year: int, prefix: str = "") -> models.Q:
    """Initiatives under way in ``year``: started by then and not ended before it.
    ``prefix`` reaches them through a relation ("initiative__")."""
    return models.Q(**{f"{prefix}starts_on__year__lte": year}) & (
        models.Q(**{f"{prefix}ends_on__isnull": True})
        | models.Q(**{f"{prefix}ends_on__year__gte": year})
    )


def led_or_joined_by(department: Department | int | models.OuterRef, prefix: str = "") -> models.Q:
    """Initiatives that ``department`` leads or takes part in as a partner."""
    return models.Q(**{f"{prefix}lead_department": department}) | models.Q(
        **{f"{prefix}partner_departments": department}
    )


class InitiativeQuerySet(ReviewQuerySet):
    def originals(self):
        """Without the pending changes to published initiatives (models.Initiative.change_of):
        a change is reviewed, never listed beside the initiative it changes."""
        return self.filter(change_of__isnull=True)

    def for_department(self, department: Department | int):
        """Led by the department or done with it as a partner (not the pending changes)."""
        return self.originals().filter(led_or_joined_by(department)).distinct()

    def under_way_in(self, year: int):
        """Started by ``year`` and not ended before it."""
        return self.filter(under_way_in(year))
