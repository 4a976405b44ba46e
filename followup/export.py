"""The annual follow-up export: one workbook (or a zip of CSV files, or one JSON document)
with the same sheets in a fixed order, rows in a fixed order, numbers as numbers, dates as
dates. Only approved reports count. Rows are generated lazily and xlsx is written in
openpyxl's write-only mode, so memory stays flat as data grows."""

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core import review
from core.resources import escape_formula
from core.tables import xlsx_text
from initiatives.models import Initiative
from keyfigures import trends
from keyfigures.models import Gender, Indicator, IndicatorValue
from keyfigures.trends import IndicatorTrend
from prioritisation import selectors as prioritisation
from prioritisation.models import Budget
from programme.models import Programme, ProgrammeNode

from . import analysis, annual_report, selectors
from .analysis import labels
from .models import Assessment, DepartmentReport, Score

FORMATS = ("xlsx", "csv", "json", "pdf")


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: Callable[[], Iterator[list]]
    #: Column widths in characters (xlsx); a column not given gets its header's width.
    widths: dict[int, int] = field(default_factory=dict)

    def width(self, index: int) -> int:
        return self.widths.get(index, max(10, min(40, len(self.headers[index]) + 3)))


@dataclass
class YearExport:
    """What the sheets of a year's export read, gathered once."""

    year: int
    areas: list[ProgrammeNode]
    alignments: list[analysis.DepartmentAlignment]
    figures: dict[str, analysis.NodeFigures]
    key_figures: list[IndicatorTrend]


def year_export(year: int) -> YearExport:
    data = analysis.year_data(year=year)
    reports = list(selectors.approved_reports(year))
    assessments = selectors.assessments_by_report(year)
    alignments = [
        analysis.department_alignment(
            report=report, data=data, assessments=assessments.get(report.pk, [])
        )
        for report in reports
    ]
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


def _better_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Indicator.Better.choices}


def _gender_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Gender.choices}


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


def _indicator_rows(export: YearExport) -> Iterator[list]:
    values = (
        IndicatorValue.objects.filter(year__lte=export.year)
        .order_by("indicator__name", "indicator_id", "municipality__code", "year", "gender")
        .values_list(
            "indicator__name",
            "indicator__kolada_id",
            "indicator__unit",
            "indicator__better",
            "indicator__target_value",
            "indicator__target_year",
            "municipality__code",
            "municipality__name",
            "year",
            "gender",
            "value",
        )
    )
    better_labels, gender_labels = _better_labels(), _gender_labels()
    for name, kpi, unit, better, *rest in values.iterator(chunk_size=5000):
        target, target_year, code, municipality, value_year, gender, value = rest
        yield [
            name,
            kpi,
            unit,
            better_labels.get(str(better), better),
            target,
            target_year,
            code,
            municipality,
            value_year,
            gender_labels.get(str(gender), gender),
            value,
        ]


def _status_rows(export: YearExport) -> Iterator[list]:
    better_labels = _better_labels()
    for item in export.key_figures:
        indicator, progress = item.indicator, item.progress
        latest = item.latest
        yield [
            indicator.name,
            indicator.kolada_id or "",
            indicator.unit,
            better_labels.get(indicator.better, indicator.better),
            indicator.target_value,
            indicator.target_year,
            progress.baseline[0] if progress and progress.baseline else None,
            progress.baseline[1] if progress and progress.baseline else None,
            latest[0] if latest else None,
            latest[1] if latest else None,
            progress.label if progress else "",
            item.trend_label,
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


def _prioritisation_rows(export: YearExport) -> Iterator[list]:
    budgets = Budget.objects.filter(year=export.year + 1).order_by("name")
    for ranking in prioritisation.rankings(budgets):
        budget = ranking.budget
        for row in ranking.rows:
            intervention = row.intervention
            decided = intervention.step(intervention.Status.DECIDED)
            yield [
                budget.name,
                budget.year,
                budget.amount,
                intervention.rank,
                intervention.title,
                intervention.department.short_name if intervention.department else "",
                intervention.allotted_cost,
                intervention.department_cost,
                row.cumulative,
                row.line_label,
                intervention.get_status_display(),
                decided.date if decided else None,
                decided.meeting if decided else "",
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
            _("Focus area code"),
            _("Focus area"),
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
            _("Focus area code"),
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
            _("Focus area code"),
            _("Focus area"),
            _("Assessment"),
            _("Why"),
            _("The focus area's priorities"),
            _("What other departments do here"),
        ],
        partial(_work_more_rows, export),
        {0: 30, 3: 40, 5: 50, 6: 50, 7: 60},
    )


def key_figures_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("Key figures"),
        [
            _("Key figure"),
            _("Kolada id"),
            _("Unit"),
            _("Which direction is better"),
            _("Target value"),
            _("Target year"),
            _("Municipality code"),
            _("Municipality"),
            _("Year"),
            _("Gender"),
            _("Value"),
        ],
        partial(_indicator_rows, export),
        {0: 50, 3: 22, 7: 16},
    )


def key_figure_status_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("Key figure status"),
        [
            _("Key figure"),
            _("Kolada id"),
            _("Unit"),
            _("Which direction is better"),
            _("Target value"),
            _("Target year"),
            _("Baseline year"),
            _("Baseline value"),
            _("Latest year"),
            _("Latest value"),
            _("Progress towards the target"),
            _("Trend"),
        ],
        partial(_status_rows, export),
        {0: 50, 3: 22, 10: 26, 11: 20},
    )


def rollup_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("Focus areas in figures"),
        [
            _("Code"),
            _("Direction or focus area"),
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


def prioritisation_sheet(export: YearExport) -> Sheet:
    return Sheet(
        _("Prioritisation"),
        [
            _("Budget"),
            _("Year"),
            _("Allotted budget (kr)"),
            _("Rank"),
            _("Intervention"),
            _("Department"),
            _("From the allotted budget (kr)"),
            _("From the department's own budget (kr)"),
            _("Cumulative from the allotted budget (kr)"),
            _("Budget line"),
            _("Decision"),
            _("Decided on"),
            _("Decided at meeting"),
        ],
        partial(_prioritisation_rows, export),
    )


#: The export's sheets, in order.
SHEETS: tuple[Callable[[YearExport], Sheet], ...] = (
    summary_sheet,
    assessments_sheet,
    initiatives_sheet,
    work_more_sheet,
    key_figures_sheet,
    key_figure_status_sheet,
    rollup_sheet,
    prioritisation_sheet,
)


def sheets(year: int) -> list[Sheet]:
    """The export's sheets for ``year``; each sheet's rows are read when written."""
    export = year_export(year)
    return [sheet(export) for sheet in SHEETS]


def _cell(value):
    """Spreadsheet cells: formula-looking text escaped, numbers and dates kept as such."""
    if isinstance(value, str):
        return escape_formula(value)
    return value


def _xlsx_cell(value):
    """The same, with only what an xlsx cell can hold (core.tables.xlsx_text)."""
    return _cell(xlsx_text(value) if isinstance(value, str) else value)


def _header_cell(worksheet, header: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=_xlsx_cell(header))
    cell.font = Font(bold=True)
    return cell


def write_xlsx(all_sheets: list[Sheet], handle, progress=None) -> None:
    workbook = Workbook(write_only=True)
    for index, sheet in enumerate(all_sheets, start=1):
        worksheet = workbook.create_sheet(title=sheet.name[:31])
        worksheet.freeze_panes = "A2"  # the header stays in view
        for column in range(len(sheet.headers)):
            worksheet.column_dimensions[get_column_letter(column + 1)].width = sheet.width(column)
        worksheet.append([_header_cell(worksheet, header) for header in sheet.headers])
        for row in sheet.rows():
            worksheet.append([_xlsx_cell(value) for value in row])
        if progress:
            progress(index, len(all_sheets), sheet.name)
    workbook.save(handle)


def write_csv_zip(all_sheets: list[Sheet], handle, progress=None) -> None:
    """One CSV file per sheet (UTF-8 with BOM, so spreadsheet programs read å, ä, ö)."""
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, sheet in enumerate(all_sheets, start=1):
            with archive.open(f"{index:02d}-{sheet.name}.csv", "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                writer = csv.writer(text)
                writer.writerow(sheet.headers)
                writer.writerows([_cell(value) for value in row] for row in sheet.rows())
                text.flush()
                text.detach()
            if progress:
                progress(index, len(all_sheets), sheet.name)


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_json(all_sheets: list[Sheet], handle, progress=None, *, year: int) -> None:
    """{"year": …, "sheets": [{"name", "columns", "rows": [[…], …]}, …]}, written sheet by
    sheet so that the whole document is never held in memory."""
    handle.write(f'{{"year": {year}, "sheets": ['.encode())
    for index, sheet in enumerate(all_sheets, start=1):
        head = json.dumps({"name": sheet.name, "columns": sheet.headers}, ensure_ascii=False)
        handle.write(("," if index > 1 else "").encode() + head[:-1].encode() + b', "rows": [')
        for number, row in enumerate(sheet.rows()):
            line = json.dumps([_json_value(value) for value in row], ensure_ascii=False)
            handle.write((("," if number else "") + line).encode())
        handle.write(b"]}")
        if progress:
            progress(index, len(all_sheets), sheet.name)
    handle.write(b"]}")


def write(fmt: str, year: int, handle, progress=None) -> None:
    if fmt == "pdf":  # the annual report as a document, not sheets
        annual_report.write_pdf(year, handle, progress)
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
