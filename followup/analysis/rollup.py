"""Each focus area and direction of a year in figures: how many departments rated it and
the spread of their assessments, how many published initiatives were under way under it,
and the status of its key figures. Eight queries, whatever the size of the data."""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from initiatives.selectors import published_priority_links
from keyfigures.trends import IndicatorTrend, indicator_trends
from programme.models import NodeKind, Programme, ProgrammeNode
from programme.tree import ancestor_path, ancestor_path_of

from ..models import Score
from .alignment import approved_scores, focus_area_tree, programme_of_year

CENTS = Decimal("0.01")


@dataclass
class NodeFigures:
    node: ProgrammeNode
    scores: list[Decimal]  # one per department that rated it relevant
    initiatives: int
    key_figures: list[IndicatorTrend] = field(default_factory=list)
    year: int = 0

    @property
    def rated(self) -> int:
        return len(self.scores)

    @property
    def lowest(self) -> Decimal | None:
        return min(self.scores) if self.scores else None

    @property
    def median(self) -> Decimal | None:
        if not self.scores:
            return None
        return Decimal(str(statistics.median(self.scores))).quantize(CENTS).normalize()

    @property
    def highest(self) -> Decimal | None:
        return max(self.scores) if self.scores else None

    @property
    def statuses(self) -> list[tuple[str, str, int]]:
        """(code, label, how many key figures) in the order of first appearance."""
        counts = Counter(item.status for item in self.key_figures)
        return [(code, label, count) for (code, label), count in counts.items()]

    def as_dict(self) -> dict:
        return {
            "node": self.node,
            "code": self.node.code,
            "kind": self.node.kind,
            "rated": self.rated,
            "lowest": self.lowest,
            "median": self.median,
            "highest": self.highest,
            "initiatives": self.initiatives,
            "key_figures": [
                {"id": item.indicator.pk, "status": item.status[0]} for item in self.key_figures
            ],
        }


def rollup(
    *,
    year: int,
    programme: Programme | None = None,
    nodes: list[ProgrammeNode] | None = None,
    scores: dict[tuple[int, int], int | None] | None = None,
    trends: dict[int, list[IndicatorTrend]] | None = None,
) -> dict[str, NodeFigures]:
    """Node path → its figures for ``year``, for every focus area and direction of the
    (current) programme, in tree order. Only approved reports count, and only scores of
    1 or more (rated relevant); a direction takes each department's mean over its focus
    areas. ``nodes``, ``scores`` and ``trends``, when the caller has read them already
    (the city's overview), save their queries."""
    programme = programme or programme_of_year(year)
    if programme is None:
        return {}
    nodes = focus_area_tree(programme, year) if nodes is None else nodes
    scores = approved_scores(year) if scores is None else scores
    area_ids = {node.pk: node.path for node in nodes if node.at_area_level}
    by_area: dict[str, list[Decimal]] = {}
    by_direction: dict[str, dict[int, list[int]]] = {}
    for (department, area_id), score in scores.items():
        if score is None or score < Score.NOT_STARTED or area_id not in area_ids:
            continue
        path = area_ids[area_id]
        by_area.setdefault(path, []).append(Decimal(score))
        if programme.has_groups:
            direction = ancestor_path(path, NodeKind.DIRECTION)
            by_direction.setdefault(direction, {}).setdefault(department, []).append(score)
    # Counted in the database, by the path of the ancestor (two small answers, whatever
    # the number of initiatives): an initiative under two priorities of an area counts once.
    initiatives: dict[str, int] = {}
    for depth in sorted({programme.area_depth, 1}):
        initiatives.update(
            published_priority_links(year, programme)
            .annotate(ancestor=ancestor_path_of("programmenode__path", depth))
            .values("ancestor")
            .annotate(count=Count("initiative_id", distinct=True))
            .values_list("ancestor", "count")
        )
    if trends is None:
        trends = indicator_trends(
            year=year, programme=programme, municipality_code=programme.municipality_code
        )
    figures: dict[str, NodeFigures] = {}
    for node in nodes:
        if node.at_area_level:
            figures[node.path] = NodeFigures(
                node,
                sorted(by_area.get(node.path, [])),
                initiatives.get(node.path, 0),
                trends.get(node.pk, []),
                year,
            )
        elif node.at_group_level:
            means = [
                (Decimal(sum(values)) / len(values)).quantize(CENTS).normalize()
                for values in by_direction.get(node.path, {}).values()
            ]
            figures[node.path] = NodeFigures(
                node, sorted(means), initiatives.get(node.path, 0), [], year
            )
    for path, item in figures.items():
        if item.node.at_area_level and programme.has_groups:
            parent: NodeFigures = figures[ancestor_path(path, NodeKind.DIRECTION)]
            for key_figure in item.key_figures:
                if all(k.indicator.pk != key_figure.indicator.pk for k in parent.key_figures):
                    parent.key_figures.append(key_figure)
    return figures
