"""Key figures (nyckeltal): indicators and their values per municipality, year and gender.

Values come from Kolada (the Swedish municipalities' open database) or from the team's own
files, through keyfigures.services; an import applies whole or not at all.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import Translated
from programme.models import FrameworkTag, ProgrammeNode
from programme.tree import area_filter

KOLADA_ID = RegexValidator(r"^[NU]\d{5}$", _("A Kolada KPI id is N or U and five digits."))
MUNICIPALITY_CODE = RegexValidator(r"^\d{4}$", _("A municipality code is four digits."))


class Municipality(models.Model):
    """A municipality whose key figures are followed: the programme's own and those it is
    compared with. Values for other municipalities in an imported file are passed over."""

    code = models.CharField(
        _("municipality code"), max_length=4, unique=True, validators=[MUNICIPALITY_CODE]
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return f"{self.name} ({self.code})"


class Indicator(models.Model):
    """A key figure the steering group has decided to follow."""

    class Better(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")
        NEITHER = "neither", _("Neither (context)")

    name = models.CharField(_("name"), max_length=250)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("e.g. %, kr, antal"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    kolada_id = models.CharField(
        _("Kolada KPI id"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        validators=[KOLADA_ID],
        help_text=_("e.g. N00945, when the key figure is in Kolada."),
    )
    better = models.CharField(
        _("which direction is better"),
        max_length=8,
        choices=Better.choices,
        default=Better.HIGHER,
    )
    focus_areas = models.ManyToManyField(
        ProgrammeNode,
        blank=True,
        related_name="indicators",
        limit_choices_to=area_filter,
        verbose_name=_("focus areas"),
    )
    tags = models.ManyToManyField(
        FrameworkTag, blank=True, related_name="indicators", verbose_name=_("framework tags")
    )
    target_value = models.DecimalField(
        _("target value"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("The value the city aims for, in the key figure's unit; optional."),
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, help_text=_("When the target is to be met.")
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"),
        null=True,
        blank=True,
        help_text=_(
            "The year progress towards the target is measured from; empty: the first year "
            "with a value."
        ),
    )
    values_imported_at = models.DateTimeField(
        _("values last imported"), null=True, blank=True, editable=False
    )
    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Invented for demonstration, with invented values; shown as such."),
    )

    history = HistoricalRecords(
        m2m_fields=[focus_areas, tags], excluded_fields=["values_imported_at"]
    )

    name_i18n = Translated("name")
    description_i18n = Translated("description")

    class Meta:
        ordering = ["name"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_value__isnull=True, target_year__isnull=True)
                | models.Q(target_value__isnull=False, target_year__isnull=False),
                name="indicator_target_value_and_year_together",
            ),
            models.CheckConstraint(
                condition=models.Q(target_year__isnull=True)
                | models.Q(target_year__gte=1900, target_year__lte=2200),
                name="indicator_target_year_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(baseline_year__isnull=True)
                | models.Q(baseline_year__gte=1900, baseline_year__lte=2200),
                name="indicator_baseline_year_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.kolada_id})" if self.kolada_id else self.name

    def get_absolute_url(self):
        return reverse("keyfigures:indicator", kwargs={"pk": self.pk})

    @property
    def choice_label(self):
        return self.name_i18n

    @property
    def has_target(self) -> bool:
        return self.target_value is not None and self.target_year is not None

    def clean(self):
        super().clean()
        if (self.target_value is None) != (self.target_year is None):
            raise ValidationError(_("A target needs both a value and a year."))
        if self.has_target and self.better == self.Better.NEITHER:
            raise ValidationError(
                {"better": _("A key figure with a target needs a direction that is better.")}
            )
        if (
            self.target_year is not None
            and self.baseline_year is not None
            and self.target_year <= self.baseline_year
        ):
            raise ValidationError(
                {"target_year": _("The target year must come after the baseline year.")}
            )


class Gender(models.TextChoices):
    """Kolada's gender codes."""

    TOTAL = "T", _("Total")
    WOMEN = "K", _("Women")
    MEN = "M", _("Men")


class IndicatorValue(models.Model):
    """One value of a key figure; ``value`` is empty where the source has none."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("key figure")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)

    class Meta:
        ordering = ["indicator", "municipality", "year", "gender"]
        verbose_name = _("key figure value")
        verbose_name_plural = _("key figure values")
        # Like the other imports (IMPORT_EXPORT_IMPORT_PERMISSION_CODE): a right of its own.
        permissions = [("import_indicatorvalue", _("Can import key figure values"))]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality", "year", "gender"],
                name="one_value_per_indicator_municipality_year_gender",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1900, year__lte=2200), name="value_year_in_range"
            ),
            models.CheckConstraint(
                condition=models.Q(gender__in=["T", "K", "M"]), name="value_gender_is_t_k_or_m"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.municipality.code} {self.year} {self.gender}"
