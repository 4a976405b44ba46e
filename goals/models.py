"""The existing-goals register: the city's steering documents and the goal formulations
found in them, mapped by the team to the programme's priorities. The programme builds on
what the city already steers by; the priorities no document supports and no initiative
works on are its white fields (goals.selectors.white_fields)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programme.models import ProgrammeNode
from programme.tree import leaf_filter


class SteeringDocument(models.Model):
    title = models.CharField(_("title"), max_length=250, unique=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, help_text=_("e.g. Kommunfullmäktige, Miljönämnden.")
    )
    year = models.PositiveSmallIntegerField(
        _("year adopted"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Invented for demonstration, not a real document; shown as such."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("steering document")
        verbose_name_plural = _("steering documents")
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="document_has_title")]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("goals:document", kwargs={"pk": self.pk})


class GoalFormulation(models.Model):
    document = models.ForeignKey(
        SteeringDocument,
        on_delete=models.CASCADE,
        related_name="formulations",
        verbose_name=_("steering document"),
    )
    text = models.TextField(_("goal formulation"))
    reference = models.CharField(
        _("where in the document"), max_length=100, blank=True, help_text=_("e.g. p. 12, 3.2.")
    )
    priorities = models.ManyToManyField(
        ProgrammeNode,
        blank=True,
        related_name="goal_formulations",
        limit_choices_to=leaf_filter,
        verbose_name=_("supports the priorities"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["document__title", "pk"]
        verbose_name = _("goal formulation")
        verbose_name_plural = _("goal formulations")
        permissions = [
            ("import_goalformulation", _("Can import goal formulations")),
            ("export_goalformulation", _("Can export goal formulations")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "text"], name="formulation_once_per_document"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="formulation_has_text"),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"
