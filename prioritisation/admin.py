from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import CheckboxesMixin, HistoryAdmin

from . import forms as forms_module
from . import selectors, services
from .models import Budget, Intervention


class InterventionInline(CheckboxesMixin, admin.StackedInline):
    model = Intervention
    extra = 1
    fields = [
        "rank",
        "title",
        "description",
        "department",
        "focus_areas",
        "allotted_cost",
        "department_cost",
    ]
    checkbox_fields = ("focus_areas",)


#: The page's actions: the POST's ``action`` → its form.
PRIORITISATION_ACTIONS = {
    "move": forms_module.MoveForm,
    "decide": forms_module.DecisionForm,
    "undo": forms_module.InterventionActionForm,
}


@admin.register(Budget)
class BudgetAdmin(HistoryAdmin):
    list_display = ["name", "year", "amount", "published_on", "prioritisation_link"]
    list_filter = ["year"]
    inlines = [InterventionInline]
    readonly_fields = ["published_on", "ranking"]

    @admin.display(description=_("ranked interventions against the budget"))
    def ranking(self, budget):
        if not budget.pk:
            return "–"
        return render_to_string(
            "prioritisation/_ranking.html",
            {
                "ranking": selectors.ranking(budget=budget),
                "prioritisation_url": reverse(
                    "admin:prioritisation_budget_prioritisation", args=[budget.pk]
                ),
            },
        )

    @admin.display(description=_("prioritisation"))
    def prioritisation_link(self, budget):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:prioritisation_budget_prioritisation", args=[budget.pk]),
            _("Rank and decide"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/prioritering/",
                self.admin_site.admin_view(self.prioritisation_view),
                name="prioritisation_budget_prioritisation",
            ),
            *super().get_urls(),
        ]

    def prioritisation_view(self, request, pk):
        """The steering group's page: the ranking against the allotted budget, moved up and
        down without retyping ranks, each intervention's decision steps, and publication."""
        if not services.may_prioritise(request.user):
            raise PermissionDenied
        budget = get_object_or_404(Budget, pk=pk)
        errors: list[str] = []
        if request.method == "POST":
            try:
                message = self._prioritisation_action(request, budget)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, message)
                return redirect(request.path)
        ranking = selectors.ranking(budget=budget)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Prioritisation: %(budget)s") % {"budget": budget},
            # The ranking needs the whole width: its decision and move controls are in
            # its last columns.
            "is_nav_sidebar_enabled": False,
            "budget": budget,
            "ranking": ranking,
            # Each row with its next decision step and how far over the budget deciding it
            # would take the decided interventions (the group is warned before it decides).
            "rows": [
                (
                    row,
                    services.NEXT_STEP.get(Intervention.Status(row.intervention.status)),
                    ranking.over_if_decided(row),
                )
                for row in ranking.rows
            ],
            "errors": errors,
            "today": timezone.localdate(),
            "may_publish": request.user.has_perm("prioritisation.change_budget"),
            "change_url": reverse("admin:prioritisation_budget_change", args=[budget.pk]),
        }
        return TemplateResponse(request, "admin/prioritisation/budget/prioritisation.html", context)

    def _prioritisation_action(self, request, budget) -> str:
        """Carry out the POST's action; a ValidationError says what was wrong."""
        action = request.POST.get("action", "")
        if action == "publish":
            publishing = forms_module.PublishForm(request.POST)
            publishing.is_valid()
            publish = publishing.cleaned_data.get("publish", False)
            services.budget_publish(budget=budget, publish=publish, by=request.user)
            return str(
                _("The decided interventions are public.")
                if publish
                else _("The decided interventions are no longer public.")
            )
        if action not in PRIORITISATION_ACTIONS:
            raise ValidationError(_("Unknown action; open the page again."))
        form = PRIORITISATION_ACTIONS[action](request.POST, budget=budget)
        if not form.is_valid():
            raise ValidationError(
                [
                    f"{form.fields[name].label}: {message}" if name in form.fields else message
                    for name, field_errors in form.errors.items()
                    for message in field_errors
                ]
            )
        intervention = form.cleaned_data["intervention"]
        if action == "move":
            services.intervention_move(
                intervention=intervention,
                position=form.cleaned_data["position"],
                by=request.user,
            )
            return _("“%(title)s” moved to place %(position)d.") % {
                "title": intervention.title,
                "position": min(form.cleaned_data["position"], budget.interventions.count()),
            }
        if action == "decide":
            decision = services.intervention_decide(
                intervention=intervention,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                meeting=form.cleaned_data["meeting"],
                by=request.user,
                over_budget=form.cleaned_data["over_budget"],
            )
            return _("“%(title)s”: %(decision)s.") % {
                "title": intervention.title,
                "decision": decision,
            }
        services.intervention_undo_decision(intervention=intervention, by=request.user)
        return _("“%(title)s”: the latest decision is taken back.") % {"title": intervention.title}
