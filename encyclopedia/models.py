"""The living encyclopedia (levande uppslagsverk): good examples, research, methods,
experience and resources, written by the team and the ambassadors under the priorities."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambassadors.models import Department
from core import review
from core.fields import MarkdownField
from programme.models import FrameworkTag, ProgrammeNode
from programme.tree import area_or_leaf_filter

from .permissions import EntryPolicy


class Entry(review.Reviewable):
    """One article of the encyclopedia. Moderated like an initiative (core.review: draft →
    submitted → published, or returned with a comment) and written only through
    encyclopedia.services, which records in each revision which fields changed (the public
    page lists them)."""

    class Kind(models.TextChoices):
        GOOD_EXAMPLE = "example", _("Good example")
        RESEARCH = "research", _("Research and evidence")
        METHOD = "method", _("Method or tool")
        EXPERIENCE = "experience", _("Experience and lesson learned")
        RESOURCE = "resource", _("External resource")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = MarkdownField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown: an empty line between paragraphs, # for a heading, - for a list, "
            "[text](https://…) for a link."
        ),
    )
    nodes = models.ManyToManyField(
        ProgrammeNode,
        related_name="entries",
        limit_choices_to=area_or_leaf_filter,
        verbose_name=_("priorities and focus areas"),
    )
    tags = models.ManyToManyField(
        FrameworkTag, blank=True, related_name="entries", verbose_name=_("framework tags")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("written by (department or company)"),
        help_text=_("Empty: written by the team."),
    )
    change_note = models.CharField(
        _("what changed"),
        max_length=300,
        blank=True,
        help_text=_("A short note on this change, shown with the entry's history."),
    )
    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Written for demonstration, not real content; shown as such."),
    )

    objects = review.ReviewQuerySet.as_manager()
    review_policy: ClassVar[EntryPolicy] = EntryPolicy()
    # The relations are not tracked here: each revision's change reason names the fields,
    # relations and sources that changed (see services).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("knowledge entry")
        verbose_name_plural = _("knowledge entries")
        permissions = [("review_entry", _("Can publish and return knowledge entries"))]
        indexes = [
            models.Index(fields=["state", "-updated_at"]),
            # The public list's order: its page is read from the index, not sorted.
            models.Index(fields=["state", "-published_at", "-id"], name="entry_public_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("encyclopedia:detail", kwargs={"pk": self.pk})

    def get_work_url(self):
        return reverse("encyclopedia-ambassador:entry", args=[self.pk])


class Source(models.Model):
    """Where the knowledge comes from: a study, a report, a web page."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="sources", verbose_name=_("entry")
    )
    title = models.CharField(
        _("source"), max_length=300, help_text=_("Author, title, publisher and year.")
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="sv",
        help_text=_("The language of the source's title: an English study is read as English."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="source_has_title")]

    def __str__(self):
        return self.title
