"""The open-data API (/api/v1/): read-only, anonymous, paginated, the same filters as the
public lists (an unknown value is a 400), and a fixed number of queries per page."""

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import api_view, schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ambassadors.models import Department
from core import page_cache, review
from core.page_cache import fragment
from encyclopedia import selectors as entry_selectors
from encyclopedia.forms import EntryFilterForm
from encyclopedia.models import Entry
from followup import selectors as followup_selectors
from followup.analysis import rollup
from followup.models import Assessment, DepartmentReport
from goals.models import GoalFormulation, SteeringDocument
from initiatives import selectors as initiative_selectors
from initiatives.forms import InitiativeFilterForm
from initiatives.models import Initiative
from keyfigures.models import Indicator, IndicatorValue
from prioritisation import selectors as prioritisation
from prioritisation.models import Budget
from programme.models import Framework, FrameworkTag, Programme, ProgrammeNode
from programme.tree import build_tree

from . import serializers


class Pagination(PageNumberPagination):
    """50 a page; ``page_size`` up to 500. A page size or number that is not a whole number
    in range is a 400 or a 404, never silently replaced."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        limits = {"page": {"minimum": 1}, "page_size": {"minimum": 1, "maximum": 500}}
        for parameter in parameters:
            parameter["schema"].update(limits.get(parameter["name"], {}))
        return parameters


def _filters(form: InitiativeFilterForm | EntryFilterForm) -> dict:
    """The filter form's selector arguments; an invalid filter is a 400 naming it."""
    if not form.is_valid():
        raise ValidationError(form.errors.get_json_data())
    return form.filters()


def _whole_number(params, name):
    """The query parameter ``name`` as an int, None when absent; anything else is a 400."""
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationError({name: ["A whole number."]}) from None


def _string_parameters(*names, description=""):
    return [OpenApiParameter(name, OpenApiTypes.STR, description=description) for name in names]


NODES = Prefetch(
    "priorities", queryset=ProgrammeNode.objects.select_related("programme").order_by("path")
)
TAGS = Prefetch("tags", queryset=FrameworkTag.objects.select_related("framework"))


class ApiViewSet(viewsets.GenericViewSet):
    pagination_class = Pagination

    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return  # answered 405 (or OPTIONS) by the dispatch that follows
        # An empty ?format= is not a format: a 404, as for any unknown one.
        if request.query_params.get("format", None) == "":
            raise NotFound
        # A parameter given empty is a mistake here (the site's forms use it for "all").
        empty = sorted(name for name, value in request.query_params.items() if value == "")
        if empty:
            raise ValidationError(dict.fromkeys(empty, [_("Give a value, or leave it out.")]))


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """A published collection and its items. A list names the content it ``shows`` (pieces
    of core.page_cache): its page of data is then a fragment per address (the host, the
    filters, the page), made again after an edit of what it shows; JSON and CSV render the
    same data."""

    shows: tuple[page_cache.Dependency, ...] = ()

    def list(self, request, *args, **kwargs):
        if not self.shows:
            return super().list(request, *args, **kwargs)
        query = request.GET.copy()
        query.pop("format", None)  # one page of data for every format
        # Its links are absolute: the scheme and host are part of the address.
        address = (request.build_absolute_uri("/"), request.path, query.urlencode())
        data = fragment(
            f"api:{type(self).__name__}",
            self.shows,
            lambda: super(ReadOnly, self).list(request, *args, **kwargs).data,
            *address,
        )
        return Response(data)


@extend_schema_view(
    list=extend_schema(summary="Programmes"),
    retrieve=extend_schema(summary="A programme with its whole tree"),
)
class ProgrammeViewSet(ReadOnly):
    """Published programmes; one by its slug carries its tree: directions, focus areas and
    priorities."""

    lookup_field = "slug"
    queryset = Programme.objects.public().order_by("-valid_from", "slug")
    shows = (Programme,)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ProgrammeTreeSerializer
        return serializers.ProgrammeSerializer

    def get_object(self):
        programme = get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
        programme.tree = build_tree(ProgrammeNode.objects.for_programme(programme))
        return programme


@extend_schema_view(
    list=extend_schema(
        summary="Published initiatives",
        parameters=[
            *_string_parameters(
                "riktning",
                "fokusomrade",
                "prioritering",
                description="A node's code: the initiatives of every priority under it.",
            ),
            *_string_parameters("forvaltning", description="A department's short name."),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Initiative.Status.values),
            OpenApiParameter(
                "ar",
                {"type": "integer", "minimum": 2000, "maximum": 2100},
                description="Under way that year.",
            ),
            *_string_parameters("ramverk", description="A framework tag's code."),
        ],
    ),
    retrieve=extend_schema(summary="A published initiative"),
)
class InitiativeViewSet(ReadOnly):
    serializer_class = serializers.InitiativeSerializer
    shows = (Initiative, Department, Framework, ProgrammeNode)

    def get_queryset(self):
        if self.action == "list":
            form = InitiativeFilterForm(self.request.GET, programme=Programme.objects.current())
            initiatives = initiative_selectors.filtered(**_filters(form))
        else:
            initiatives = Initiative.objects.published().order_by("pk")
        return initiatives.select_related("lead_department").prefetch_related(
            "partner_departments", NODES, TAGS, "links"
        )


@extend_schema_view(
    list=extend_schema(
        summary="Published knowledge entries",
        parameters=[
            OpenApiParameter("typ", OpenApiTypes.STR, enum=Entry.Kind.values),
            *_string_parameters("prioritering", description="A priority's or focus area's code."),
            *_string_parameters("ramverk", description="A framework tag's code."),
        ],
    ),
    retrieve=extend_schema(summary="A published knowledge entry"),
)
class EntryViewSet(ReadOnly):
    serializer_class = serializers.EntrySerializer
    shows = (Entry, Department, Framework, ProgrammeNode)

    def get_queryset(self):
        if self.action == "list":
            form = EntryFilterForm(self.request.GET, programme=Programme.objects.current())
            entries = entry_selectors.filtered(**_filters(form))
        else:
            entries = Entry.objects.published().order_by("pk")
        return entries.select_related("department").prefetch_related(
            Prefetch(
                "nodes", queryset=ProgrammeNode.objects.select_related("programme").order_by("path")
            ),
            TAGS,
            "sources",
        )


@extend_schema_view(
    list=extend_schema(
        summary="Approved follow-up scores",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT),
            *_string_parameters("forvaltning", description="A department's short name."),
        ],
    )
)
class AssessmentViewSet(mixins.ListModelMixin, ApiViewSet):
    """Each department's score (0–4) for each focus area, from approved reports only."""

    serializer_class = serializers.AssessmentSerializer

    def get_queryset(self):
        assessments = Assessment.objects.filter(
            review.published_filter(DepartmentReport, "report__")
        ).select_related("report__round", "report__department", "focus_area")
        params = self.request.query_params
        year = _whole_number(params, "year")
        if year is not None:
            assessments = assessments.filter(report__round__year=year)
        if params.get("forvaltning"):
            assessments = assessments.filter(report__department__short_name=params["forvaltning"])
        return assessments.order_by(
            "-report__round__year", "report__department__short_name", "focus_area__path"
        )


@extend_schema_view(
    list=extend_schema(summary="Active departments and companies"),
    retrieve=extend_schema(summary="A department or company by its short name"),
)
class DepartmentViewSet(ReadOnly):
    serializer_class = serializers.DepartmentDetailSerializer
    queryset = Department.objects.active().order_by("name", "pk")
    lookup_field = "short_name"
    shows = (Department,)


@extend_schema_view(
    list=extend_schema(summary="The steering documents of the goals register"),
    retrieve=extend_schema(summary="A steering document"),
)
class SteeringDocumentViewSet(ReadOnly):
    serializer_class = serializers.SteeringDocumentSerializer
    queryset = SteeringDocument.objects.annotate(formulation_count=Count("formulations")).order_by(
        "title", "pk"
    )
    shows = (SteeringDocument,)


@extend_schema_view(
    list=extend_schema(
        summary="The goal formulations of the register, with the priorities they support",
        parameters=[
            OpenApiParameter("document", OpenApiTypes.INT, description="A steering document's id."),
            *_string_parameters("prioritering", description="A priority's code."),
        ],
    ),
    retrieve=extend_schema(summary="A goal formulation"),
)
class GoalFormulationViewSet(ReadOnly):
    serializer_class = serializers.GoalFormulationSerializer
    shows = (SteeringDocument, ProgrammeNode)

    def get_queryset(self):
        formulations = GoalFormulation.objects.select_related("document").prefetch_related(
            "priorities"
        )
        document = _whole_number(self.request.query_params, "document")
        if document is not None:
            formulations = formulations.filter(document_id=document)
        code = self.request.query_params.get("prioritering")
        if code:
            formulations = formulations.filter(
                Exists(
                    GoalFormulation.priorities.through.objects.filter(
                        goalformulation=OuterRef("pk"), programmenode__code__iexact=code
                    )
                )
            )
        return formulations.order_by("document__title", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="The steering group's decided interventions, of the budgets it has published",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, description="The budget's year.")],
    ),
    retrieve=extend_schema(summary="A decided intervention"),
)
class InterventionViewSet(ReadOnly):
    serializer_class = serializers.InterventionSerializer
    shows = (Budget, Department, ProgrammeNode)

    def get_queryset(self):
        interventions = prioritisation.public_decisions()
        year = _whole_number(self.request.query_params, "year")
        if year is not None:
            interventions = interventions.filter(budget__year=year)
        return interventions


@extend_schema_view(
    list=extend_schema(summary="Key figures"), retrieve=extend_schema(summary="A key figure")
)
class IndicatorViewSet(ReadOnly):
    serializer_class = serializers.IndicatorSerializer
    queryset = Indicator.objects.prefetch_related(
        Prefetch("focus_areas", queryset=ProgrammeNode.objects.in_force())
    ).order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Key figure values",
        parameters=[
            OpenApiParameter("indicator", OpenApiTypes.INT, description="A key figure's id."),
            *_string_parameters("kolada_id", "municipality"),
            OpenApiParameter("year", OpenApiTypes.INT),
        ],
    )
)
class IndicatorValueViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = serializers.IndicatorValueSerializer

    def get_queryset(self):
        values = IndicatorValue.objects.select_related("indicator", "municipality")
        params = self.request.query_params
        for name, lookup in (("indicator", "indicator_id"), ("year", "year")):
            number = _whole_number(params, name)
            if number is not None:
                values = values.filter(**{lookup: number})
        if params.get("kolada_id"):
            values = values.filter(indicator__kolada_id=params["kolada_id"])
        if params.get("municipality"):
            values = values.filter(municipality__code=params["municipality"])
        return values.order_by("indicator_id", "municipality__code", "year", "gender")


@extend_schema_view(
    list=extend_schema(
        summary="Focus areas and directions of a year in figures",
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=True)],
        responses=serializers.NodeFiguresSerializer(many=True),
    )
)
class FollowupFiguresViewSet(ApiViewSet):
    """For each focus area and direction of the current programme in a published year: how
    many departments rated it relevant, the lowest, median and highest assessment, the
    published initiatives under way, and its key figures' statuses (the method page,
    /uppfoljning/metod/, says how each is computed). Not paginated: one row per node."""

    pagination_class = None  # type: ignore[assignment]  # one row per node, a few dozen
    serializer_class = serializers.NodeFiguresSerializer

    def list(self, request, *args, **kwargs):
        year = _whole_number(request.query_params, "year")
        if year is None:
            raise ValidationError({"year": ["Give a year."]})
        if year not in followup_selectors.public_years():
            raise NotFound(f"No follow-up is published for {year}.")
        figures = rollup(year=year)
        data = self.get_serializer([item.as_dict() for item in figures.values()], many=True).data
        return Response(data)


@api_view(["GET", "HEAD"])
@schema(None)
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a JSON 404, like the API's own."""
    raise NotFound
