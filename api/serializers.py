"""What the open-data API publishes. Only public facts: never an e-mail, phone, user name or
person's name (ambassadors, team members and users are not reachable from here at all)."""

import datetime

from rest_framework import serializers

from ambassadors.models import Department
from encyclopedia.models import Entry, Source
from followup.models import Assessment
from goals.models import GoalFormulation, SteeringDocument
from initiatives.models import RELATED_FIELDS, TEXT_FIELDS, WORK_FIELDS, Initiative, InitiativeLink
from keyfigures.models import Indicator, IndicatorValue
from prioritisation.models import Intervention
from programme.models import NODE_TEXT_FIELDS, FrameworkTag, Programme, ProgrammeNode


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["short_name", "name", "kind"]


class DepartmentDetailSerializer(serializers.ModelSerializer):
    """A department in the departments collection: its names, kind and public page."""

    page = serializers.SerializerMethodField()

    class Meta:
        model = Department
        fields = ["short_name", "name", "name_en", "kind", "page"]

    def get_page(self, department) -> str:
        return self.context["request"].build_absolute_uri(department.get_absolute_url())


class SteeringDocumentSerializer(serializers.ModelSerializer):
    formulation_count = serializers.IntegerField(read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = SteeringDocument
        fields = ["id", "title", "adopted_by", "year", "url", "formulation_count", "page"]
        extra_kwargs = {"url": {"help_text": "The document's own address, where there is one."}}

    def get_page(self, document) -> str:
        return self.context["request"].build_absolute_uri(document.get_absolute_url())


class GoalFormulationSerializer(serializers.ModelSerializer):
    document = serializers.IntegerField(source="document_id", read_only=True)
    document_title = serializers.CharField(source="document.title", read_only=True)
    priorities: serializers.SlugRelatedField[ProgrammeNode] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = GoalFormulation
        fields = ["id", "document", "document_title", "text", "reference", "priorities"]


class InterventionSerializer(serializers.ModelSerializer):
    """A decided intervention of a published budget, flat so that its CSV has one row each:
    the date of each decision step and the meeting that decided it."""

    budget = serializers.CharField(source="budget.name", read_only=True)
    year = serializers.IntegerField(source="budget.year", read_only=True)
    department = serializers.SerializerMethodField()
    focus_areas: serializers.SlugRelatedField[ProgrammeNode] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    decided_on = serializers.SerializerMethodField()
    decided_at = serializers.SerializerMethodField()
    ordered_on = serializers.SerializerMethodField()
    done_on = serializers.SerializerMethodField()

    class Meta:
        model = Intervention
        fields = [
            "id",
            "budget",
            "year",
            "rank",
            "title",
            "department",
            "focus_areas",
            "allotted_cost",
            "department_cost",
            "status",
            "decided_on",
            "decided_at",
            "ordered_on",
            "done_on",
        ]
        extra_kwargs = {
            "allotted_cost": {"help_text": "Kronor from the budget the steering group allots."},
            "department_cost": {"help_text": "Kronor from the department's own budget."},
        }

    def get_department(self, intervention) -> str | None:
        return intervention.department.short_name if intervention.department else None

    def _date(self, intervention, status) -> datetime.date | None:
        step = intervention.step(status)
        return step.date if step else None

    def get_decided_on(self, intervention) -> datetime.date | None:
        return self._date(intervention, Intervention.Status.DECIDED)

    def get_decided_at(self, intervention) -> str | None:
        """The meeting that decided it."""
        step = intervention.step(Intervention.Status.DECIDED)
        return step.meeting if step else None

    def get_ordered_on(self, intervention) -> datetime.date | None:
        return self._date(intervention, Intervention.Status.ORDERED)

    def get_done_on(self, intervention) -> datetime.date | None:
        return self._date(intervention, Intervention.Status.DONE)


class NodeRefSerializer(serializers.ModelSerializer):
    level = serializers.CharField(source="kind")
    programme = serializers.CharField(
        source="programme.slug", read_only=True, help_text="The programme version's slug."
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = ProgrammeNode
        fields = ["code", "level", "title", "programme", "url"]

    def get_url(self, node) -> str:
        return self.context["request"].build_absolute_uri(node.get_absolute_url())


class TagSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.slug")

    class Meta:
        model = FrameworkTag
        fields = ["code", "framework", "number", "name"]


class NodeSerializer(serializers.ModelSerializer):
    """A node of the tree with its children: serializes the items of programme.tree's
    build_tree (read as their nodes), never a query."""

    level = serializers.CharField(source="kind")
    children = serializers.SerializerMethodField()

    class Meta:
        model = ProgrammeNode
        fields = ["code", "level", *NODE_TEXT_FIELDS, "is_example", "children"]

    def get_children(self, item) -> list[dict]:
        return list(NodeSerializer(item.children, many=True, context=self.context).data)


class ProgrammeSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "name_en",
            "municipality",
            "municipality_code",
            "valid_from",
            "valid_to",
            "status",
            "is_current",
            "url",
            "updated_at",
        ]

    def get_url(self, programme) -> str:
        return self.context["request"].build_absolute_uri(programme.get_absolute_url())


class ProgrammeTreeSerializer(ProgrammeSerializer):
    tree = serializers.SerializerMethodField()

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "lead", "definition", "tree"]

    def get_tree(self, programme) -> list[dict]:
        return list(NodeSerializer(programme.tree, many=True, context=self.context).data)


class LinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = InitiativeLink
        fields = ["title", "url"]


class InitiativeSerializer(serializers.ModelSerializer):
    lead_department = DepartmentSerializer()
    partner_departments = DepartmentSerializer(many=True)
    priorities = NodeRefSerializer(many=True)
    tags = TagSerializer(many=True)
    links = LinkSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            *TEXT_FIELDS,
            *WORK_FIELDS,
            "lead_department",
            *RELATED_FIELDS,
            "links",
            "is_example",
            "published_at",
            "updated_at",
            "url",
        ]

    def get_url(self, initiative) -> str:
        return self.context["request"].build_absolute_uri(initiative.get_absolute_url())


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["title", "url", "language"]


class EntrySerializer(serializers.ModelSerializer):
    written_by = DepartmentSerializer(source="department", allow_null=True)
    nodes = NodeRefSerializer(many=True)
    tags = TagSerializer(many=True)
    sources = SourceSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = [
            "id",
            "kind",
            "title",
            "summary",
            "body",
            "written_by",
            "nodes",
            "tags",
            "sources",
            "is_example",
            "published_at",
            "updated_at",
            "url",
        ]

    def get_url(self, entry) -> str:
        return self.context["request"].build_absolute_uri(entry.get_absolute_url())


class AssessmentSerializer(serializers.ModelSerializer):
    """One approved department's score for one focus area in one year (0–4)."""

    year = serializers.IntegerField(source="report.round.year")
    department = serializers.CharField(source="report.department.short_name")
    department_name = serializers.CharField(source="report.department.name")
    focus_area = serializers.CharField(source="focus_area.code")
    focus_area_title = serializers.CharField(source="focus_area.title")

    class Meta:
        model = Assessment
        fields = [
            "year",
            "department",
            "department_name",
            "focus_area",
            "focus_area_title",
            "score",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    focus_areas: serializers.SlugRelatedField[ProgrammeNode] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "name_en",
            "description",
            "unit",
            "source",
            "kolada_id",
            "better",
            "target_value",
            "target_year",
            "baseline_year",
            "focus_areas",
            "is_example",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator_id")
    indicator_name = serializers.CharField(source="indicator.name")
    kolada_id = serializers.CharField(source="indicator.kolada_id", allow_null=True)
    municipality = serializers.CharField(source="municipality.code")
    municipality_name = serializers.CharField(source="municipality.name")
    value = serializers.DecimalField(
        max_digits=20, decimal_places=6, coerce_to_string=False, allow_null=True
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "indicator_name",
            "kolada_id",
            "municipality",
            "municipality_name",
            "year",
            "gender",
            "value",
        ]


class KeyFigureStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(
        help_text="Progress towards the target (achieved, substantial, moderate, limited, "
        "deterioration), else the trend (trend-better, trend-worse, trend-unchanged), or none."
    )


class NodeFiguresSerializer(serializers.Serializer):
    """A focus area or direction in figures for a year (followup.analysis.rollup)."""

    code = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField(source="node.title")
    rated = serializers.IntegerField(help_text="Departments that rated it relevant (1–4).")
    lowest = serializers.DecimalField(
        max_digits=4, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    median = serializers.DecimalField(
        max_digits=4, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    highest = serializers.DecimalField(
        max_digits=4, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    initiatives = serializers.IntegerField(help_text="Published initiatives under way that year.")
    key_figures = KeyFigureStatusSerializer(many=True)
