from typing import ClassVar

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ambassadors.permissions import DepartmentPolicy
from core import review


class TipPolicy(DepartmentPolicy):
    team_permission = "kit_example.review_tip"
    refused = "The tip is “%(state)s” and cannot become “%(action)s” now."
    not_yours_to_change = "You can only change your own department's tips."
    not_yours_to_submit = "You can only submit your own department's tips."
    team_only_accepts = "Only the team publishes tips."
    team_only_returns = "Only the team returns tips."
    conflict = "Someone else saved this tip while you edited it."
    returned = "The tip is returned to its department."
    accept_description = "Publish the selected submitted tips"
    accepted_count = "Published %(count)d tips."  # not translated: a test-only type


class Tip(review.Reviewable):
    """A department's short tip for the others."""

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    department = models.ForeignKey("ambassadors.Department", on_delete=models.PROTECT)
    history = HistoricalRecords()

    review_policy: ClassVar[TipPolicy] = TipPolicy()
    objects = review.ReviewQuerySet.as_manager()

    class Meta:
        permissions = [("review_tip", "Can review tips")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("tips:tip", args=[self.pk])

    def get_work_url(self):
        return self.get_absolute_url()
