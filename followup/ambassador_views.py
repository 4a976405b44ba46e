"""The ambassadors' follow-up pages, on the shared pages of every moderated type
(ambassadors.review_views.ContentPages): their departments' reports in open rounds, the
form to write one, and submitting it. A report is its department's own: other
ambassadors do not read it. Every view checks rights on the server."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from ambassadors.models import Department
from ambassadors.permissions import AmbassadorRequest, ambassador_required
from ambassadors.review_views import ContentPages, save_through
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative

from . import services
from .forms import AssessmentForm, ReportForm
from .models import DepartmentReport, FollowupRound

policy = DepartmentReport.review_policy


class ReportPages(ContentPages[DepartmentReport]):
    model = DepartmentReport
    template_dir = "followup/ambassador"
    namespace = "reports"
    name = "report"
    saved = _("The report is saved.")
    shared_with_network = False

    def queryset(self):
        return DepartmentReport.objects.select_related("round", "department")

    def url(self, view, obj):
        return reverse(f"reports:{'edit' if view == '-edit' else 'detail'}", args=[obj.pk])

    def detail_context(self, obj):
        assessments = obj.assessments.select_related("focus_area").prefetch_related("initiatives")
        return {"assessments": assessments}

    def overview(self, request: AmbassadorRequest) -> HttpResponse:
        """Each open round with the user's departments in it, and their reports' state:
        three queries, whatever the number of rounds."""
        departments = policy.departments_for(request.user)
        rounds = list(
            FollowupRound.objects.filter(is_open=True, departments__in=departments)
            .distinct()
            .order_by("-year")
            .prefetch_related(
                Prefetch(
                    "departments",
                    queryset=Department.objects.filter(pk__in=departments).order_by("name"),
                    to_attr="mine",
                )
            )
        )
        reports = {
            (report.round_id, report.department_id): report
            for report in DepartmentReport.objects.filter(
                round__in=rounds, department__in=departments
            )
        }
        rows = [
            {
                "round": round_,
                "department": department,
                "report": reports.get((round_.pk, department.pk)),
            }
            for round_ in rounds
            for department in round_.mine
        ]
        return render(request, "followup/ambassador/overview.html", {"rows": rows})

    def _form_page(self, request, obj):
        """A report's plans and one self-assessment form per focus area, saved together
        from any section's button: a section's button comes back to that section, to go
        on writing; the page says how many focus areas are assessed."""
        report = obj  # read by edit_view with its round and department
        assessments = list(report.assessments.select_related("focus_area"))
        mine = initiative_selectors.in_year_of_department(
            department=report.department, year=report.round.year, published_only=False
        )
        choices = initiative_selectors.by_focus_area(mine, [a.focus_area for a in assessments])
        data = request.POST or None
        form = ReportForm(
            data, initial={"next_year_plans": report.next_year_plans, "version": report.version}
        )
        area_forms = [
            (
                assessment,
                AssessmentForm(
                    data,
                    instance=assessment,
                    prefix=f"a{assessment.pk}",
                    choices=Initiative.objects.filter(
                        pk__in=[i.pk for i in choices[assessment.focus_area_id]]
                    ).order_by("title"),
                ),
            )
            for assessment in assessments
        ]
        saved = save_through(
            request,
            form,
            lambda: services.report_update(
                report_id=report.pk,
                expected_version=form.cleaned_data["version"],
                next_year_plans=form.cleaned_data["next_year_plans"],
                assessments={a.pk: f.cleaned_data for a, f in area_forms},
                by=request.user,
            ),
            success=str(self.saved),
            also=[f for _a, f in area_forms],
        )
        if saved is not None:
            section = request.POST.get("section", "")
            if section.isdigit() and any(a.pk == int(section) for a in assessments):
                return redirect(reverse("reports:edit", kwargs={"pk": report.pk}) + f"#a{section}")
            return redirect(self.url("", report))
        assessed = sum(1 for assessment in assessments if assessment.score is not None)
        return render(
            request,
            "followup/ambassador/form.html",
            {
                "report": report,
                "form": form,
                "area_forms": area_forms,
                "assessed": assessed,
                "area_count": len(assessments),
            },
        )

    def urls(self, prefix: str = "") -> list[URLPattern]:
        return [
            path("", ambassador_required(self.overview), name="overview"),
            path("<int:round_pk>/<str:short_name>/borja/", start, name="start"),
            path("rapporter/<int:pk>/", ambassador_required(self.detail), name="detail"),
            path("rapporter/<int:pk>/andra/", ambassador_required(self.edit_view), name="edit"),
            path(
                "rapporter/<int:pk>/skicka-in/",
                require_POST(ambassador_required(self.submit_view)),
                name="submit",
            ),
        ]


@require_http_methods(["GET", "HEAD", "POST"])
@ambassador_required
def start(request: AmbassadorRequest, round_pk: int, short_name: str) -> HttpResponse:
    """The reminders' link: the department's report form once the report exists; before
    that, a page that starts it (a POST: a link alone writes nothing)."""
    round_ = get_object_or_404(FollowupRound, pk=round_pk)
    department = get_object_or_404(Department, short_name=short_name)
    if not policy.can_write_for(request.user, department):
        raise PermissionDenied(policy.not_yours_to_change)
    if request.method != "POST":
        report = DepartmentReport.objects.filter(round=round_, department=department).first()
        if report is not None:
            return redirect("reports:edit", pk=report.pk)
        return render(
            request, "followup/ambassador/start.html", {"round": round_, "department": department}
        )
    try:
        report = services.report_start(round_=round_, department=department, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:overview")
    return redirect("reports:edit", pk=report.pk)


pages = ReportPages()
