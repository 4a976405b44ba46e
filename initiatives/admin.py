from pathlib import Path

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from core.admin import HistoryAdmin, ReviewAdmin, StrictImportMixin, VersionCheckedForm
from core.files import private_storage
from core.forms import model_choice_field
from programme.models import FrameworkTag, ProgrammeNode

from . import selectors, services
from .models import Initiative, InitiativeLink
from .resources import InitiativeResource


class LabelledAdminFileWidget(AdminFileWidget):
    use_fieldset = False  # see initiatives.forms.ImageInput


class InitiativeAdminForm(VersionCheckedForm):
    conflict_fields = tuple(services.EDITABLE_FIELDS)

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
        image = self.fields.get("image")
        if isinstance(image, forms.FileField):  # the uploaded name is never kept: any length
            image.max_length = None
        model_choice_field(
            self, "priorities"
        ).queryset = ProgrammeNode.objects.leaves().select_related("programme")
        model_choice_field(self, "tags").queryset = FrameworkTag.objects.select_related("framework")


class InitiativeLinkInline(admin.StackedInline):
    model = InitiativeLink
    extra = 1
    fields = ["title", "url", "position"]


@admin.register(Initiative)
class InitiativeAdmin(StrictImportMixin, ImportExportMixin, ReviewAdmin, HistoryAdmin):
    form = InitiativeAdminForm
    service_fields = tuple(services.EDITABLE_FIELDS)
    service_relations = tuple(services.EDITABLE_RELATIONS)
    inlines = [InitiativeLinkInline]
    resource_classes = [InitiativeResource]
    list_display = [
        "title",
        "lead_department",
        "state",
        "change_to",
        "status",
        "updated_at",
        "is_example",
    ]
    list_filter = [
        "status",
        "lead_department",
        ("change_of", admin.EmptyFieldListFilter),
        "is_example",
    ]
    search_fields = ["title", "summary"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_department", "change_of")

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "original_image"]
        return [*fields, "changes_to_publish"] if obj is not None and obj.is_change else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.is_change:
            return fieldsets
        (name, options), *rest = fieldsets
        fields = [field for field in options["fields"] if field != "changes_to_publish"]
        return [
            (_("What publishing this change alters"), {"fields": ["changes_to_publish"]}),
            (name, {**options, "fields": fields}),
            *rest,
        ]

    @admin.display(description=_("change to"), ordering="change_of__title")
    def change_to(self, initiative):
        if initiative.change_of is None:
            return "–"
        url = reverse("admin:initiatives_initiative_change", args=[initiative.change_of_id])
        return format_html('<a href="{}">{}</a>', url, initiative.change_of.title)

    @admin.display(description=_("published version → this change"))
    def changes_to_publish(self, initiative):
        rows = selectors.change_differences(initiative)
        if not rows:
            return _("Nothing differs from the published version.")
        published, after = _("published"), _("after this change")
        return format_html(
            '<table class="change-differences"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("field"),
            published,
            after,
            format_html_join(
                "",
                '<tr><th scope="row">{}</th><td data-label="{}">{}</td>'
                '<td data-label="{}">{}</td></tr>',
                ((label, published, old, after, new) for label, old, new in rows),
            ),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/original-image/",
                self.admin_site.admin_view(self.original_image_view),
                name="initiatives_initiative_original_image",
            ),
            *super().get_urls(),
        ]

    def original_image_view(self, request, pk):
        """The upload as it came (with its EXIF), for the staff only: the public site has
        the re-encoded image without metadata."""
        initiative = get_object_or_404(Initiative, pk=pk)
        if not self.has_change_permission(request, initiative):
            raise PermissionDenied
        if not initiative.image_original:
            raise Http404
        storage = private_storage()
        return FileResponse(
            storage.open(initiative.image_original, "rb"),
            as_attachment=True,
            filename=f"original-{initiative.pk}{Path(initiative.image_original).suffix}",
        )

    @admin.display(description=_("original image (with its metadata)"))
    def original_image(self, initiative):
        if not initiative.pk or not initiative.image_original:
            return "–"
        url = reverse("admin:initiatives_initiative_original_image", args=[initiative.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the original"))
