from datetime import date, datetime
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay
from simple_history.utils import get_m2m_reverse_field_name

from core import review
from core.tables import IMPORT_EXPORT_FORMATS, UnreadableFileError

#: Django's own Swedish heads the admin's log "Senaste Händelser"; this catalogue (in
#: LOCALE_PATHS, read first) says it in sentence case.
gettext_noop("Recent actions")


class ReadableHistory(HistoricalRecordContextHelper):
    """The history page's changes as the team reads them: related objects by name, not
    by id, and lists in full; times in local time without microseconds; choices by their
    label; nothing written as "None"."""

    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            name = get_m2m_reverse_field_name(field)
            related = [row[name] for row in value]  # objects, or ids
            ids = [item for item in related if not isinstance(item, models.Model)]
            found = field.related_model._default_manager.in_bulk(ids) if ids else {}
            return ", ".join(str(found.get(item, item)) for item in related) or "–"
        if value is None:
            return "–"
        if isinstance(field, models.ForeignKey) and not isinstance(value, models.Model):
            return field.related_model._default_manager.filter(pk=value).first() or value
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(value, datetime):
            return date_format(localtime(value), "j F Y H:i")
        if isinstance(value, date):
            return date_format(value, "j F Y")
        if getattr(field, "choices", None):
            return dict(field.flatchoices).get(value, value)
        return value

    def get_obj_diff_display(self) -> ObjDiffDisplay:
        return ObjDiffDisplay(max_length=400)  # a list of names in full


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page works for models without foreign keys:
    simple-history 3.13 then calls select_related() with no names, which Django 6.1
    deprecates (and the test settings turn into an error); and whose changes read as
    names and local times (ReadableHistory)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        related = ["history_user"] + [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(*related)


class CheckboxesMixin(admin.options.BaseModelAdmin):
    """The many-to-many fields named in ``checkbox_fields`` as labelled checkboxes, usable
    by keyboard, instead of the admin's multiple-select box."""

    checkbox_fields: tuple[str, ...] = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_fields:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the department change?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The ambassadors see this comment beside it."),
    )


class VersionCheckedForm(forms.ModelForm):
    """An admin form for a moderated model: ``expected_version`` carries the version the
    editor started from, and a save is refused when someone saved since."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: The fields whose change since the editor's version the refusal names.
    conflict_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk:
            try:
                review.check_version(
                    type(self.instance)._default_manager.get(pk=self.instance.pk),
                    cleaned.get("expected_version"),
                    self.conflict_fields or self._meta.fields or (),
                )
            except review.EditConflictError as conflict:
                raise ValidationError(conflict.message(field_names=True)) from conflict
        return cleaned


class ReviewAdmin(admin.ModelAdmin):
    """The admin of a moderated model (core.review): the review queue as a filter, the
    accept action (publish or approve), the workflow's fields read-only, the version
    check on save, and a *Return with a comment* page linked from the change page."""

    change_form_template = "admin/review/change_form.html"
    review_readonly_fields = ("state", "review_comment", "version", "submitted_at", "published_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*self.review_readonly_fields, *super().get_readonly_fields(request, obj)]

    def get_list_filter(self, request: HttpRequest) -> Any:
        return ["state", *super().get_list_filter(request)]

    def get_ordering(self, request: HttpRequest) -> Any:
        """The review queue (the list filtered to what was submitted) oldest first, as the
        dashboard lists it; any other list as the model orders it."""
        if request.GET.get("state__exact") == review.State.SUBMITTED:
            return ["submitted_at", "pk"]
        return super().get_ordering(request)

    def queue_url(self) -> str:
        meta = self.model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        return f"{changelist}?state__exact={review.State.SUBMITTED}"

    def get_urls(self) -> list[URLPattern]:
        meta = self.model._meta
        return [
            path(
                "<int:pk>/return/",
                self.admin_site.admin_view(self.return_view),
                name=f"{meta.app_label}_{meta.model_name}_return",
            ),
            *super().get_urls(),
        ]

    def __init__(self, model: Any, admin_site: Any) -> None:
        super().__init__(model, admin_site)
        policy = model.review_policy

        def accept(modeladmin: Any, request: HttpRequest, queryset: QuerySet) -> None:
            modeladmin.accept_selected(request, queryset)

        # The policy's accept action, "publish" or "approve", beside the others.
        accept.__name__ = policy.accept_action
        accept.short_description = policy.accept_description  # type: ignore[attr-defined]
        self.actions = [*(self.actions or ()), accept]

    def accept_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Publish (or approve) the selected objects that await review, stopping at the
        first refusal with its message."""
        moderated = review.moderated_type(self.model)
        done = 0
        for obj in cast(review.ReviewQuerySet, queryset).awaiting_review():
            try:
                moderated.accept(obj, by=request.user)
            except PermissionDenied as error:
                messages.error(request, str(error))
                return
            done += 1
        messages.success(request, moderated.policy.accepted_count % {"count": done})

    # Saving. A moderated object is written by its app's service (its registration,
    # core.review.ModeratedType), never by the admin form: save_related makes one service
    # call with the form's fields and relations and the rows of the inline (links,
    # sources), so that one version and one revision record everything that changed.
    # ``edits_content = False`` for a read-only admin.
    edits_content = True
    service_fields: tuple[str, ...] = ()
    service_relations: tuple[str, ...] = ()
    #: The inline rows' fields passed to the service, in the rows' position order.
    inline_row_fields: tuple[str, ...] = ("title", "url")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Written in save_related, with the inline rows (see above)."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if not self.edits_content:
            return
        data = form.cleaned_data
        rows = [
            {name: row.cleaned_data.get(name, "") for name in self.inline_row_fields}
            for formset in formsets
            for row in sorted(formset.forms, key=lambda row: row.cleaned_data.get("position", 0))
            if row.cleaned_data.get("title") and not row.cleaned_data.get("DELETE")
        ]
        relations = {name: data[name] for name in self.service_relations}
        moderated = review.moderated_type(self.model)
        if change:
            saved = moderated.update_content(
                form.instance.pk,
                expected_version=data["expected_version"],
                changes={name: data[name] for name in self.service_fields},
                relations=relations,
                rows=rows,
                by=request.user,
            )
            form.instance.version = saved.version
        else:
            moderated.create_content(form.instance, relations=relations, rows=rows, by=request.user)
        for formset in formsets:  # saved by the service; the change message reads these
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except review.EditConflictError as conflict:
            messages.error(request, conflict.message())
            return HttpResponseRedirect(request.path)

    def return_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        meta = self.model._meta
        changelist = f"admin:{meta.app_label}_{meta.model_name}_changelist"
        form = ReturnForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                review.return_with_comment(
                    obj, by=request.user, comment=form.cleaned_data["comment"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, str(self.model.review_policy.returned))
                return redirect(self.queue_url())  # back to what still waits
        context = {
            **self.admin_site.each_context(request),
            "opts": meta,
            "form": form,
            "title": _("Return “%(title)s”") % {"title": obj},
            "object_label": str(obj),
            "state_label": obj.get_state_display(),
            "summary": getattr(obj, "summary", ""),
            "changelist_url": reverse(changelist),
            "change_url": reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk]),
        }
        return TemplateResponse(request, "admin/return_with_comment.html", context)


class StrictImportMixin:
    """Put before ImportExportMixin. The file is read by core.tables (every row has the
    header's cells; an unreadable file says what to fix, one message per bad row), and
    the confirm step, which trusts its hidden fields, answers a tampered format or
    resource index, or a preview whose file has expired from the cache, with a clear 400
    that writes nothing (it was a 500)."""

    formats = IMPORT_EXPORT_FORMATS

    def add_data_read_fail_error_to_form(self, form: forms.Form, error: Exception) -> None:
        if isinstance(error, UnreadableFileError):
            for message in error.messages:
                form.add_error("import_file", message)
        elif isinstance(error, UnicodeDecodeError):  # a storage that decodes on reading
            form.add_error("import_file", str(UnreadableFileError.not_utf8(error)))
        else:
            super().add_data_read_fail_error_to_form(form, error)  # type: ignore[misc]

    def process_import(self, request: HttpRequest, **kwargs: Any) -> Any:
        if request.method == "POST" and not self._confirmation_is_intact(request):
            context = {
                **self.admin_site.each_context(request),  # type: ignore[attr-defined]
                "opts": self.model._meta,  # type: ignore[attr-defined]
                "title": _("Import"),
            }
            return TemplateResponse(
                request, "admin/import_export/expired.html", context, status=400
            )
        return super().process_import(request, **kwargs)  # type: ignore[misc]

    def _confirmation_is_intact(self, request: HttpRequest) -> bool:
        form = self.create_confirm_form(request)  # type: ignore[attr-defined]
        if not form.is_valid():
            return True  # the library shows the form's own errors
        formats = self.get_import_formats()  # type: ignore[attr-defined]
        try:
            index = int(form.cleaned_data["format"])
            resource = form.cleaned_data.get("resource") or "0"
            resources = self.get_import_resource_classes(request)  # type: ignore[attr-defined]
            if not (0 <= index < len(formats) and 0 <= int(resource) < len(resources)):
                return False
            input_format = formats[index](encoding=self.from_encoding)  # type: ignore[attr-defined]
            storage = self.get_tmp_storage_class()(  # type: ignore[attr-defined]
                name=form.cleaned_data["import_file_name"],
                encoding=None if input_format.is_binary() else self.from_encoding,  # type: ignore[attr-defined]
                read_mode=input_format.get_read_mode(),
                **self.get_tmp_storage_class_kwargs(),  # type: ignore[attr-defined]
            )
            data = storage.read()
        except (ValueError, TypeError, KeyError, OSError):
            return False
        return bool(data)
