"""Every move of the review workflow, and a failed job, tell the people who act next."""

from typing import Any

from django.dispatch import receiver

from core import review
from jobs.models import Job
from jobs.signals import job_failed

from . import services
from .models import Kind


@receiver(review.moved, dispatch_uid="notifications.review_moved")
def review_moved(sender: Any, *, obj: review.Reviewable, by: Any, comment: str, **kwargs: Any):
    policy = obj.review_policy
    context = services.message_context(obj, by, comment)
    if obj.state == review.State.SUBMITTED:
        services.queue(
            Kind.SUBMITTED,
            recipients=services.team(policy.team_permission, besides=by),
            template="submitted",
            context=context,
            link=lambda: services.admin_url(obj),
            about=obj,
        )
    elif obj.state == review.State.RETURNED:
        services.queue(
            Kind.RETURNED,
            recipients=services.owners_of(obj, besides=by),
            template="returned",
            context=context,
            link=lambda: services.absolute(obj.get_work_url()),
            about=obj,
        )
    elif obj.state == policy.accepted:
        services.queue(
            Kind.ACCEPTED,
            recipients=services.owners_of(obj, besides=by),
            template="accepted",
            context=context | {"approved": policy.accepted == review.State.APPROVED},
            link=lambda: services.absolute(obj.get_absolute_url()),
            about=obj,
        )


@receiver(job_failed, sender=Job, dispatch_uid="notifications.job_failed")
def job_failed_told(sender: Any, *, job: Job, **kwargs: Any):
    services.job_failed(job)
