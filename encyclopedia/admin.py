from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import HistoryAdmin, ReturnWithCommentMixin, for_each_selected
from programme.models import FrameworkTag, ProgrammeNode

from . import services
from .models import Entry, Source


class EntryAdminForm(forms.ModelForm):
    """The team's form; ``expected_version`` carries the version the editor started from."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Entry
        fields = [*services.EDITABLE_FIELDS, *services.EDITABLE_RELATIONS]
        widgets = {"tags": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version
        self.initial["change_note"] = ""
        self.fields["nodes"].queryset = (
            ProgrammeNode.objects.filter(depth__in=[2, 3])
            .select_related("programme")
            .order_by("programme__valid_from", "path")
        )
        self.fields["tags"].queryset = FrameworkTag.objects.select_related("framework")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            try:
                services.check_version(
                    current=Entry.objects.get(pk=self.instance.pk),
                    expected_version=cleaned.get("expected_version"),
                )
            except services.EditConflictError as conflict:
                raise ValidationError(
                    _(
                        "Someone else saved this entry while you edited it. Your changes are "
                        "not saved: open it again to see theirs."
                    )
                ) from conflict
        return cleaned


class SourceInline(admin.StackedInline):
    model = Source
    extra = 1
    fields = ["title", "url", "position"]


@admin.register(Entry)
class EntryAdmin(ReturnWithCommentMixin, HistoryAdmin):
    form = EntryAdminForm
    returned_message = _("The entry is returned to its writer.")
    inlines = [SourceInline]
    list_display = ["title", "kind", "department", "state", "updated_at", "is_example"]
    list_filter = ["state", "kind", "department", "is_example"]
    search_fields = ["title", "summary"]
    readonly_fields = ["state", "review_comment", "version", "published_at"]
    actions = ["publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department")

    def return_object(self, entry, *, by, comment):
        return services.entry_return(entry=entry, by=by, comment=comment)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.EditConflictError as conflict:
            messages.error(request, str(conflict))
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        # A change is saved in save_related, where the sources of the inline are known, so
        # that one revision records everything that changed.
        if not change:
            relations = {name: form.cleaned_data[name] for name in services.EDITABLE_RELATIONS}
            services.entry_create(entry=obj, relations=relations, by=request.user)

    def save_related(self, request, form, formsets, change):
        if not change:
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        sources = [
            {"title": row.cleaned_data["title"], "url": row.cleaned_data.get("url", "")}
            for formset in formsets
            for row in sorted(formset.forms, key=lambda row: row.cleaned_data.get("position", 0))
            if row.cleaned_data.get("title") and not row.cleaned_data.get("DELETE")
        ]
        updated = services.entry_update(
            entry_id=form.instance.pk,
            expected_version=form.cleaned_data["expected_version"],
            changes={name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS},
            relations={name: form.cleaned_data[name] for name in services.EDITABLE_RELATIONS},
            sources=sources,
            by=request.user,
        )
        form.instance.version = updated.version
        for formset in formsets:  # saved by the service; the change message reads these
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @admin.action(description=_("Publish the selected submitted entries"))
    def publish(self, request, queryset):
        for_each_selected(
            request,
            queryset.awaiting_review(),
            lambda entry: services.entry_publish(entry=entry, by=request.user),
            done_message=lambda count: (
                ngettext("Published %(count)d entry.", "Published %(count)d entries.", count)
                % {"count": count}
            ),
        )
