"""The annual follow-up export: one workbook (or a zip of CSV files, or one JSON document)
with the same sheets in a fixed order, rows in a fixed order, numbers as numbers, dates as
dates. Only approved reports count. Rows are generated lazily and xlsx is written in
openpyxl's write-only mode, so memory stays flat as data grows."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core import review
from core.sheets import Sheet, write_csv_zip, write_json, write_xlsx
from followup import analysis, selectors
from followup.analysis import labels
from followup.models import Assessment, DepartmentReport, Score
from initiatives.models import Initiative
from keyfigures import export as keyfigure_export
from keyfigures import trends
from keyfigures.trends import IndicatorTrend
from prioritisation import export as prioritisation_export
from programme.levels import LevelWords
from programme.models import Programme, ProgrammeNode

from . import document

FORMATS = ("xlsx", "csv", "json", "pdf")


@dataclass
class YearExport:
    """What the sheets of a year's export read, gathered once."""

    year: int
    areas: list[ProgrammeNode]
    alignments: list[analysis.DepartmentAlignment]
    figures: dict[str, analysis.NodeFigures]
    key_figures: list[IndicatorTrend]

    @property
    def levels(self) -> LevelWords:
        """The programme's own level words for the headings (Motala's "Huvudområde")."""
        return LevelWords(self.areas[0].programme if self.areas else None)

    @property
    def area_code(self) -> str:
        return _("%(Area)s code") % {"Area": self.levels.Area}


def year_export(year: int) -> YearExport:
    data = analysis.year_data(year=year)
    alignments = selectors.year_alignments(year, data)
    programme = cast(Programme, analysis.programme_of_year(year))
    key_figures = trends.each_once(
        trends.indicator_trends(
            year=year,
            programme=programme,
            municipality_code=programme.municipality_code if programme else "",
        )
    )
    return YearExport(
        year=year,
        areas=data.areas,
        alignments=alignments,
        figures=analysis.rollup(year=year, programme=programme),
        key_figures=key_figures,
    )


def _summary(export: YearExport) -> Iterator[list]:
    for alignment in export.alignments:
        department = alignment.report.department
        yield [department.name, department.short_name, *[row.score for row in alignment.rows]]


def _assessment_rows(export: YearExport) -> Iterator[list]:
    for alignment in export.alignments:
        report, department = alignment.report, alignment.report.department
        for row in alignment.rows:
            a = row.assessment
            yield [
                export.year,
                department.name,
                department.short_name,
                row.focus_area.code,
                row.focus_area.title,
                row.score,
                str(Score(row.score).label) if row.score is not None else "",
                row.previous,
                row.change,
                row.initiative_count,
                a.what_we_did if a else "",
                a.what_it_changed if a else "",
                a.what_we_learned if a else "",
                report.next_year_plans,
            ]


def _initiative_rows(export: YearExport) -> Iterator[list]:
    through = Assessment.initiatives.through
    linked = (
        through.objects.filter(
            review.published_filter(DepartmentReport, "assessment__report__"),
            review.published_filter(Initiative, "initiative__"),
            assessment__report__round__year=export.year,
        )
        .order_by(
            "assessment__report__department__name",
            "assessment__focus_area__path",
            "initiative_id",
        )
        .values_list(
            "assessment__report__department__short_name",
            "assessment__focus_area__code",
            "initiative_id",
            "initiative__title",
            "initiative__lead_department__short_name",
            "initiative__status",
            "initiative__starts_on",
            "initiative__ends_on",
            "initiative__published_at",
        )
    )
    labels = dict(Initiative.Status.choices)
    for row in linked.iterator(chunk_size=5000):
        *head, status, starts, ends, published = row
        yield [
            *head,
            str(labels.get(status, status)),
            starts,
            ends,
            published.date() if published else None,
        ]


def _work_more_rows(export: YearExport) -> Iterator[list]:
    for alignment in export.alignments:
        department = alignment.report.department
        for item in alignment.work_more:
            yield [
                department.name,
                department.short_name,
                item.focus_area.code,
                item.focus_area.title,
                item.score,
                labels.reasons_text(item.reasons, item.score),
                "; ".join(p.title for p in item.priorities),
                "; ".join(f"{e.title} ({e.lead_department_name})" for e in item.examples),
            ]


def _rollup_rows(export: YearExport) -> Iterator[list]:
    for item in export.figures.values():
        yield [
            item.node.code,
            item.node.title,
            str(item.node.get_kind_display()),
            item.rated,
            item.lowest,
            item.median,
            item.highest,
            item.initiatives,
            "; ".join(
                f"{count} × {label or _('no status yet')}" for _code, label, count in item.statuses
            ),
        ]


def summary_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("Summary"),
        [_("Department"), _("Short name"), *[a.title for a in export.areas]],
        partial(_summary, export),
        {0: 36},
    )


def assessments_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("Assessments"),
        [
            _("Year"),
            _("Department"),
            _("Short name"),
            export.area_code,
            export.levels.Area,
            _("Assessment"),
            _("Assessment (text)"),
            _("Last year"),
            pgettext("a column of numbers", "Change since last year"),
            _("Published initiatives"),
            _("What we did"),
            _("What it changed"),
            _("What we learned"),
            _("Plans for next year"),
        ],
        partial(_assessment_rows, export),
        {1: 30, 4: 40, 6: 18, 10: 50, 11: 50, 12: 50, 13: 50},
    )


def initiatives_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("Initiatives"),
        [
            _("Department"),
            export.area_code,
            _("Initiative id"),
            _("Title"),
            _("Lead department"),
            _("Status"),
            _("Starts"),
            _("Ends"),
            _("Published"),
        ],
        partial(_initiative_rows, export),
        {3: 50},
    )


def work_more_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("Work more on"),
        [
            _("Department"),
            _("Short name"),
            export.area_code,
            export.levels.Area,
            _("Assessment"),
            _("Why"),
            _("Its %(leaves)s") % {"leaves": export.levels.leaves},
            _("What other departments do here"),
        ],
        partial(_work_more_rows, export),
        {0: 30, 3: 40, 5: 50, 6: 50, 7: 60},
    )


def rollup_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("%(Areas)s in figures") % {"Areas": export.levels.Areas},
        [
            _("Code"),
            _("%(Group)s or %(area)s") % {"Group": export.levels.Group, "area": export.levels.area}
            if export.levels.has_groups
            else export.levels.Area,
            _("Level"),
            _("Departments that rated it relevant"),
            _("Lowest"),
            _("Median"),
            _("Highest"),
            _("Initiatives under way"),
            _("Key figures"),
        ],
        partial(_rollup_rows, export),
        {1: 50, 8: 40},
    )


#: The export's sheets, in order.
SHEETS: tuple[Callable[[YearExport], Sheet], ...] = (
    summary_sheet,
    assessments_sheet,
    initiatives_sheet,
    work_more_sheet,
    lambda export: keyfigure_export.values_sheet(export.year),
    lambda export: keyfigure_export.status_sheet(export.key_figures),
    rollup_sheet,
    # The budgets decided for the next year, from this year's follow-up.
    lambda export: prioritisation_export.decisions_sheet(export.year + 1),
)


def sheets(year: int) -> list[Sheet]:
    """The export's sheets for ``year``; each sheet's rows are read when written."""
    export = year_export(year)
    return [sheet(export) for sheet in SHEETS]


def write(fmt: str, year: int, handle, progress=None) -> None:
    if fmt == "pdf":  # the annual report as a document, not sheets
        document.write_pdf(year, handle, progress)
        return
    all_sheets = sheets(year)
    if fmt == "xlsx":
        write_xlsx(all_sheets, handle, progress)
    elif fmt == "csv":
        write_csv_zip(all_sheets, handle, progress)
    elif fmt == "json":
        write_json(all_sheets, handle, progress, year=year)
    else:
        raise ValueError(fmt)


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
    "json": "application/json",
    "pdf": "application/pdf",
}
FILE_SUFFIX = {"xlsx": "xlsx", "csv": "zip", "json": "json", "pdf": "pdf"}
