from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from core.fields import SanitizedHTMLField
from core.i18n import LocalizedText, Translated

from .querysets import FrameworkTagQuerySet, ProgrammeNodeManager, ProgrammeQuerySet
from .tree import (
    KIND_BY_DEPTH,
    LEVELS_IN_WORDS,
    MAX_DEPTH,
    STEPLEN,
    NodeKind,
    ancestor_path,
    area_depth,
)

__all__ = ["KIND_BY_DEPTH", "MAX_DEPTH", "NodeKind"]  # part of the models' vocabulary

code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$",
    _("Use lower-case letters a-z, digits and hyphens, starting with a letter or digit."),
)
year_validators = [MinValueValidator(1900), MaxValueValidator(2200)]


class Framework(models.Model):
    """A cross-cutting framework whose targets tag the programme: Agenda 2030, …"""

    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    name_i18n = Translated("name")
    description_i18n = Translated("description")

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self):
        return self.name


class FrameworkTag(models.Model):
    """One target of a framework (Agenda 2030 goal 3, public-health target area 6, …)."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="tags", verbose_name=_("framework")
    )
    code = models.SlugField(_("code"), max_length=60, unique=True, validators=[code_validator])
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    objects = FrameworkTagQuerySet.as_manager()
    history = HistoricalRecords()

    name_i18n = Translated("name")
    description_i18n = Translated("description")

    class Meta:
        ordering = ["framework__position", "number", "code"]
        verbose_name = _("framework tag")
        verbose_name_plural = _("framework tags")

    def __str__(self):
        if self.number:
            return f"{self.framework} {self.number}. {self.name}"
        return f"{self.framework}: {self.name}"

    def get_absolute_url(self):
        return reverse("portal:tag", kwargs={"code": self.code})

    @property
    def choice_label(self) -> LocalizedText:
        """The tag in a filter's list, in the page's language where translated."""
        name = self.name_i18n
        if self.number:
            return LocalizedText(f"{self.framework.name_i18n} {self.number}. {name}", name.lang)
        return LocalizedText(f"{self.framework.name_i18n}: {name}", name.lang)


# django-stubs cannot follow treebeard's manager (built with from_queryset) to ``nodes``.
class Programme(models.Model):  # type: ignore[django-manager-missing]
    """A steering document in three levels, valid for a number of years."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        ARCHIVED = "archived", _("Archived")

    slug = models.SlugField(_("code"), max_length=80, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100)
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Four digits, as in SCB's and Kolada's codes."))],
        help_text=_("The four-digit municipality code, e.g. 1283 for Helsingborg."),
    )
    valid_from = models.PositiveSmallIntegerField(
        _("valid from (year)"), validators=year_validators
    )
    valid_to = models.PositiveSmallIntegerField(
        _("valid to (year)"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("Empty: valid until further notice."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_current = models.BooleanField(
        _("current programme"),
        default=False,
        help_text=_("The programme the public site shows first. Only one can be current."),
    )
    lead = models.TextField(_("lead text"), blank=True)
    lead_en = models.TextField(_("lead text (English)"), blank=True)
    body = SanitizedHTMLField(_("about the programme"), blank=True)
    body_en = SanitizedHTMLField(_("about the programme (English)"), blank=True)
    definition = models.TextField(_("definition of quality of life"), blank=True)
    definition_en = models.TextField(_("definition of quality of life (English)"), blank=True)
    definition_source = models.CharField(_("source of the definition"), max_length=200, blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("previous version"),
        help_text=_("The programme this version was started from; its nodes map to this one's."),
    )
    frameworks = models.ManyToManyField(
        Framework,
        blank=True,
        related_name="programmes",
        verbose_name=_("frameworks"),
        help_text=_("The frameworks the programme works towards, e.g. Agenda 2030."),
    )
    levels = models.PositiveSmallIntegerField(
        _("number of levels"),
        default=MAX_DEPTH,
        db_default=MAX_DEPTH,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DEPTH)],
        help_text=_(
            "One, two or three. Initiatives, interventions and goals attach to the deepest "
            "level; the annual follow-up assesses the second (the first in a programme of "
            "one level)."
        ),
    )
    level_1_name = models.CharField(
        _("level 1, singular"), max_length=60, default="viljeinriktning"
    )
    level_1_plural = models.CharField(
        _("level 1, plural"), max_length=60, default="viljeinriktningar"
    )
    level_2_name = models.CharField(_("level 2, singular"), max_length=60, default="fokusområde")
    level_2_plural = models.CharField(_("level 2, plural"), max_length=60, default="fokusområden")
    level_3_name = models.CharField(_("level 3, singular"), max_length=60, default="prioritering")
    level_3_plural = models.CharField(_("level 3, plural"), max_length=60, default="prioriteringar")
    level_1_name_en = models.CharField(
        _("level 1, singular (English)"), max_length=60, default="direction"
    )
    level_1_plural_en = models.CharField(
        _("level 1, plural (English)"), max_length=60, default="directions"
    )
    level_2_name_en = models.CharField(
        _("level 2, singular (English)"), max_length=60, default="focus area"
    )
    level_2_plural_en = models.CharField(
        _("level 2, plural (English)"), max_length=60, default="focus areas"
    )
    level_3_name_en = models.CharField(
        _("level 3, singular (English)"), max_length=60, default="priority"
    )
    level_3_plural_en = models.CharField(
        _("level 3, plural (English)"), max_length=60, default="priorities"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords()

    name_i18n = Translated("name")
    title_i18n = name_i18n  # breadcrumbs and lists treat programmes and nodes alike
    lead_i18n = Translated("lead")
    body_i18n = Translated("body", html=True)
    definition_i18n = Translated("definition")
    level_1_name_i18n = Translated("level_1_name")
    level_1_plural_i18n = Translated("level_1_plural")
    level_2_name_i18n = Translated("level_2_name")
    level_2_plural_i18n = Translated("level_2_plural")
    level_3_name_i18n = Translated("level_3_name")
    level_3_plural_i18n = Translated("level_3_plural")

    class Meta:
        ordering = ["-valid_from", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="programme_only_one_current",
                violation_error_message=_("Another programme is already the current one."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="programme_valid_to_after_from",
                violation_error_message=_("The last year cannot come before the first."),
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.period}"

    def get_absolute_url(self):
        return reverse("programme:programme", kwargs={"slug": self.slug})

    @property
    def choice_label(self) -> LocalizedText:
        name = self.name_i18n
        return LocalizedText(f"{name} {self.period}", name.lang)

    @property
    def period(self) -> str:
        return self.period_of(self.valid_from, self.valid_to)

    @staticmethod
    def period_of(valid_from: int, valid_to: int | None) -> str:
        """2016–2024, or 2021– for a programme valid until further notice."""
        return f"{valid_from}–{valid_to or ''}"

    def level_name(self, depth: int, *, plural: bool = False) -> str:
        return getattr(self, f"level_{depth}_{'plural' if plural else 'name'}_i18n")

    # The roles of its levels, whatever its depth (programme.tree, "roles"): the leaves
    # take initiatives, interventions and goals; the areas are what the follow-up assesses;
    # the groups, above the areas, gather them on the follow-up's pages.
    @property
    def leaf_depth(self) -> int:
        return self.levels

    @property
    def area_depth(self) -> int:
        return area_depth(self.levels)

    @property
    def has_groups(self) -> bool:
        return self.area_depth > 1

    @property
    def leaf_name(self) -> str:
        return self.level_name(self.leaf_depth)

    @property
    def leaf_plural(self) -> str:
        return self.level_name(self.leaf_depth, plural=True)

    @property
    def area_name(self) -> str:
        return self.level_name(self.area_depth)

    @property
    def area_plural(self) -> str:
        return self.level_name(self.area_depth, plural=True)

    @property
    def group_plural(self) -> str:
        return self.level_name(1, plural=True) if self.has_groups else ""

    @property
    def levels_in_words(self) -> str:
        return str(LEVELS_IN_WORDS[self.levels])


# A node's texts, each in Swedish and English.
NODE_TEXT_FIELDS = ("title", "title_en", "lead", "lead_en", "body", "body_en")


class NodePlaceInHistory(models.Model):
    """What a node's history row keeps of where the node stood: its parent then (by id and
    title), so that the admin's history reads "moved from X to Y" instead of tree paths
    (programme.history). Filled when the row is written (programme.apps)."""

    parent_then_id = models.IntegerField(_("parent then (id)"), null=True, blank=True)
    parent_then_title = models.CharField(_("parent then"), max_length=255, blank=True)

    class Meta:
        abstract = True


class ProgrammeNode(MP_Node):
    """A direction (depth 1), focus area (2) or priority (3) of a programme.

    Tree columns (path, depth, numchild) are written only by programme.services.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("programme")
    )
    kind = models.CharField(_("level"), max_length=12, choices=NodeKind.choices)
    code = models.CharField(
        _("code"),
        max_length=50,
        validators=[code_validator],
        help_text=_("Short and unique within the programme, used in addresses, e.g. aktivdag."),
    )
    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    lead = models.TextField(_("lead text"), blank=True)
    lead_en = models.TextField(_("lead text (English)"), blank=True)
    body = SanitizedHTMLField(_("text"), blank=True)
    body_en = SanitizedHTMLField(_("text (English)"), blank=True)
    tags = models.ManyToManyField(
        FrameworkTag, blank=True, related_name="nodes", verbose_name=_("framework tags")
    )
    is_example = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Written for demonstration, not adopted by the city; shown as such."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    node_order_by: list[str] = []  # siblings keep the order staff give them
    steplen = STEPLEN

    objects = ProgrammeNodeManager()
    history = HistoricalRecords(m2m_fields=[tags], bases=[NodePlaceInHistory])

    title_i18n = Translated("title")
    lead_i18n = Translated("lead")
    body_i18n = Translated("body", html=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("programme node")
        verbose_name_plural = _("programme nodes")
        permissions = [
            ("import_programmenode", _("Can import programme nodes")),
            ("export_programmenode", _("Can export programme nodes")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="programmenode_code_unique_in_programme",
                violation_error_message=_("This code is already used in the programme."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(depth=1, kind=NodeKind.DIRECTION)
                    | Q(depth=2, kind=NodeKind.FOCUS_AREA)
                    | Q(depth=3, kind=NodeKind.PRIORITY)
                ),
                name="programmenode_kind_matches_depth",
            ),
            models.CheckConstraint(
                condition=~Q(kind=NodeKind.PRIORITY) | Q(numchild=0),
                name="programmenode_priority_has_no_children",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:node", kwargs={"slug": self.programme.slug, "code": self.code})

    @property
    def choice_label(self) -> LocalizedText:
        return self.title_i18n

    @property
    def level_name(self) -> str:
        return self.programme.level_name(self.depth)

    @property
    def is_direction(self) -> bool:
        return self.kind == NodeKind.DIRECTION

    @property
    def is_focus_area(self) -> bool:
        return self.kind == NodeKind.FOCUS_AREA

    @property
    def is_priority(self) -> bool:
        return self.kind == NodeKind.PRIORITY

    # Roles (Programme.leaf_depth …); they read the node's programme, so a list of nodes
    # comes with select_related("programme").
    @property
    def at_leaf_level(self) -> bool:
        return self.depth == self.programme.levels

    @property
    def at_area_level(self) -> bool:
        return self.depth == self.programme.area_depth

    @property
    def at_group_level(self) -> bool:
        return self.depth < self.programme.area_depth

    def ancestor_path(self, kind: NodeKind) -> str:
        """The path of the node's ancestor of ``kind`` (the node's own at its own level)."""
        return ancestor_path(self.path, kind)

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen]

    def is_descendant_of(self, other: "ProgrammeNode", *, inclusive: bool = False) -> bool:
        return self.path.startswith(other.path) and (inclusive or self.path != other.path)

    @property
    def children_level_plural(self) -> str:
        """What the level below is called, e.g. "prioriteringar" on a focus area."""
        programme = self.programme
        return programme.level_name(self.depth + 1, plural=True) if not self.at_leaf_level else ""

    @property
    def hashtag(self) -> str:
        return f"#{self.code}"


class NodeMapping(models.Model):
    """How a node of a programme maps to the nodes of its next version: kept or renamed
    (one new node), merged (several old nodes into one new), split (one old into several
    new) or dropped (none). Comparisons across versions go through it."""

    class Kind(models.TextChoices):
        KEPT = "kept", _("Kept")
        RENAMED = "renamed", _("Renamed")
        MERGED = "merged", _("Merged")
        SPLIT = "split", _("Split")
        DROPPED = "dropped", _("Dropped")

    old = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.CASCADE,
        related_name="mapped_to",
        verbose_name=_("node of the previous version"),
    )
    new = models.ForeignKey(
        ProgrammeNode,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mapped_from",
        verbose_name=_("node of the new version"),
    )
    kind = models.CharField(_("mapping"), max_length=10, choices=Kind.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["old__path", "new__path"]
        verbose_name = _("node mapping")
        verbose_name_plural = _("node mappings")
        constraints = [
            models.UniqueConstraint(fields=["old", "new"], name="one_mapping_per_pair"),
            models.CheckConstraint(
                condition=Q(kind="dropped", new__isnull=True)
                | (~Q(kind="dropped") & Q(new__isnull=False)),
                name="mapping_dropped_has_no_new_node",
            ),
        ]

    def __str__(self):
        return f"{self.old} → {self.new or '–'} ({self.get_kind_display()})"
