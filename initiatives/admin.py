from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin

from core.admin import HistoryAdmin, ReturnWithCommentMixin, for_each_selected
from programme.admin import IMPORT_EXPORT_FORMATS
from programme.models import FrameworkTag, ProgrammeNode

from . import services
from .models import Initiative, InitiativeLink
from .resources import InitiativeResource


class LabelledAdminFileWidget(AdminFileWidget):
    use_fieldset = False  # see initiatives.forms.ImageInput


class InitiativeAdminForm(forms.ModelForm):
    """The team's form; ``expected_version`` carries the version the editor started from."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Initiative
        fields = [*services.EDITABLE_FIELDS, *services.EDITABLE_RELATIONS]
        widgets = {
            "image": LabelledAdminFileWidget,
            "partner_departments": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version
        self.fields["priorities"].queryset = ProgrammeNode.objects.priorities().select_related(
            "programme"
        )
        self.fields["tags"].queryset = FrameworkTag.objects.select_related("framework")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            try:
                services.check_version(
                    current=Initiative.objects.get(pk=self.instance.pk),
                    expected_version=cleaned.get("expected_version"),
                )
            except services.EditConflictError as conflict:
                raise ValidationError(
                    _(
                        "Someone else saved this initiative while you edited it (changed: "
                        "%(fields)s). Your changes are not saved: open it again to see theirs."
                    )
                    % {"fields": ", ".join(conflict.changed_fields) or _("its review state")}
                ) from conflict
        return cleaned


class InitiativeLinkInline(admin.StackedInline):
    model = InitiativeLink
    extra = 1
    fields = ["title", "url", "position"]


@admin.register(Initiative)
class InitiativeAdmin(ReturnWithCommentMixin, ImportExportMixin, HistoryAdmin):
    form = InitiativeAdminForm
    returned_message = _("The initiative is returned to its department.")
    inlines = [InitiativeLinkInline]
    resource_classes = [InitiativeResource]
    formats = IMPORT_EXPORT_FORMATS
    list_display = ["title", "lead_department", "state", "status", "updated_at", "is_example"]
    list_filter = ["state", "status", "lead_department", "is_example"]
    search_fields = ["title", "summary"]
    readonly_fields = ["state", "review_comment", "version", "published_at"]
    actions = ["publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_department")

    def return_object(self, initiative, *, by, comment):
        return services.initiative_return(initiative=initiative, by=by, comment=comment)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.EditConflictError as conflict:
            messages.error(request, str(conflict))
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        relations = {name: form.cleaned_data[name] for name in services.EDITABLE_RELATIONS}
        if change:
            changes = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
            updated = services.initiative_update(
                initiative_id=obj.pk,
                expected_version=form.cleaned_data["expected_version"],
                changes=changes,
                relations=relations,
                by=request.user,
            )
            obj.version = updated.version
        else:
            services.initiative_create(initiative=obj, relations=relations, by=request.user)

    def save_related(self, request, form, formsets, change):
        # The services above wrote the relations; only inline formsets remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description=_("Publish the selected submitted initiatives"))
    def publish(self, request, queryset):
        for_each_selected(
            request,
            queryset.awaiting_review(),
            lambda initiative: services.initiative_publish(initiative=initiative, by=request.user),
            done_message=lambda count: (
                ngettext(
                    "Published %(count)d initiative.", "Published %(count)d initiatives.", count
                )
                % {"count": count}
            ),
        )
