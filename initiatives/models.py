"""Initiatives (insatser): what departments do, logged against the programme's priorities."""

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambassadors.models import Department
from core import review
from core.fields import MarkdownField
from programme.models import FrameworkTag, ProgrammeNode
from programme.tree import leaf_filter

from .images import initiative_image_path, size_name, validate_image
from .permissions import InitiativePolicy
from .querysets import InitiativeQuerySet

# The initiative's fields by group, in the order that forms, imports and the API list them.
TEXT_FIELDS = ("title", "summary", "body")
WORK_FIELDS = ("status", "starts_on", "ends_on", "target_group", "results", "lessons")
RELATED_FIELDS = ("partner_departments", "priorities", "tags")
# Fields an editor writes; the workflow fields (state, review_comment, version, ...) are
# only written by core.review.
EDITABLE_FIELDS = [
    *TEXT_FIELDS,
    "lead_department",
    *WORK_FIELDS,
    "contact",
    "is_example",
    "image",
    "image_alt",
]


class Initiative(review.Reviewable):
    """One initiative. Its *state* is the review workflow (core.review: draft → submitted →
    published, or returned with a comment); its *status* is where the work itself stands.

    Written only through initiatives.services and core.review, which check the workflow,
    the editor's department and ``version`` (no lost updates).
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = MarkdownField(
        _("description"),
        blank=True,
        help_text=_(
            "Markdown: an empty line between paragraphs, # for a heading, - for a list, "
            "[text](https://…) for a link."
        ),
    )
    lead_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("lead department"),
    )
    partner_departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="partner_initiatives",
        verbose_name=_("partner departments"),
    )
    priorities = models.ManyToManyField(
        ProgrammeNode,
        related_name="initiatives",
        limit_choices_to=leaf_filter,
        verbose_name=_("priorities"),
    )
    tags = models.ManyToManyField(
        FrameworkTag, blank=True, related_name="initiatives", verbose_name=_("framework tags")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown on the public site: give a function address, or a person who has agreed "
            "to be named."
        ),
    )
    image = models.ImageField(
        _("image"),
        upload_to=initiative_image_path,
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[validate_image],
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Only images you may publish."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    #: The smaller widths stored beside the image (images.size_name), for srcset.
    image_sizes = models.JSONField(default=list, blank=True, editable=False)
    #: The upload as it came, EXIF and all: private to the staff (core.files).
    image_original = models.CharField(max_length=200, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what the image shows, for those who cannot see it."),
    )
    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Written for demonstration, not a real initiative; shown as such."),
    )
    #: Set on a department's change to a published initiative: a copy of it, edited and
    #: reviewed like any initiative while the public keeps seeing the original. Publishing
    #: the change writes it onto the original (services.initiative_apply_change) and
    #: deletes the copy; a change is never itself published (the constraint below).
    change_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="pending_change",
        verbose_name=_("change to"),
    )
    #: The original's version the change started from.
    change_base_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    objects = InitiativeQuerySet.as_manager()
    review_policy: ClassVar[InitiativePolicy] = InitiativePolicy()
    history = HistoricalRecords(m2m_fields=[partner_departments, priorities, tags])

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        permissions = [
            ("review_initiative", _("Can publish and return initiatives")),
            ("import_initiative", _("Can import initiatives")),
            ("export_initiative", _("Can export initiatives")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="initiative_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="initiative_image_has_alt_text",
                violation_error_message=_("Describe the image for those who cannot see it."),
            ),
            models.CheckConstraint(
                condition=Q(change_of__isnull=True) | ~Q(state=review.State.PUBLISHED),
                name="initiative_change_is_never_published",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-updated_at"]),
            # The public list's order: its page is read from the index, not sorted.
            models.Index(fields=["state", "-published_at", "-id"], name="initiative_public_order"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_change(self) -> bool:
        """Whether this is a pending change to a published initiative."""
        return self.change_of_id is not None

    @property
    def pending(self) -> "Initiative | None":
        """The pending change to this published initiative, if a department made one."""
        try:
            return self.pending_change
        except Initiative.pending_change.RelatedObjectDoesNotExist:
            return None

    @property
    def noun(self) -> str:
        if self.is_change:
            return str(_("change to the published initiative"))
        return str(self._meta.verbose_name)

    def get_absolute_url(self):
        return reverse("initiatives:detail", kwargs={"pk": self.pk})

    @property
    def image_srcset(self) -> str:
        """The image's widths for the ``srcset`` attribute, smallest first."""
        if not self.image or not self.image.name:
            return ""
        storage = self.image.storage
        widths = [
            f"{storage.url(size_name(self.image.name, width))} {width}w"
            for width in self.image_sizes
        ]
        return ", ".join([*widths, f"{self.image.url} {self.image_width}w"])

    def get_work_url(self):
        return reverse("ambassador:initiative", args=[self.pk])

    def clean(self):
        # The constraint below says the same; this puts the message beside the field.
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for those who cannot see it.")}
            )


class InitiativeLink(models.Model):
    """A link to read more: the initiative's own page, a report, a film."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="links", verbose_name=_("initiative")
    )
    title = models.CharField(_("link text"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title
