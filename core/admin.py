from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page works for models without foreign keys:
    simple-history 3.13 then calls select_related() with no names, which Django 6.1
    deprecates (and the test settings turn into an error)."""

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        related = ["history_user"] + [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(*related)


class CheckboxesMixin:
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


class ReturnWithCommentMixin:
    """An admin page at ``<pk>/return/`` that sends a submitted object (an initiative, a
    report) back to its department with the team's comment, through the app's service.

    Subclasses set ``returned_message`` and implement ``return_object``, which calls the
    app's service; the service checks the workflow and the user's right.
    """

    returned_message = ""

    def return_object(self, obj, *, by, comment):
        raise NotImplementedError

    def get_urls(self):
        meta = self.model._meta
        return [
            path(
                "<int:pk>/return/",
                self.admin_site.admin_view(self.return_view),
                name=f"{meta.app_label}_{meta.model_name}_return",
            ),
            *super().get_urls(),
        ]

    def return_view(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        meta = self.model._meta
        changelist = f"admin:{meta.app_label}_{meta.model_name}_changelist"
        form = ReturnForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                self.return_object(obj, by=request.user, comment=form.cleaned_data["comment"])
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.returned_message)
                return redirect(changelist)
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


def for_each_selected(request, objects, service, *, done_message) -> None:
    """An admin action's body: ``service(obj)`` for each object, stopping at the first
    refusal with its message; ``done_message(count)`` says how many were done."""
    done = 0
    for obj in objects:
        try:
            service(obj)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return
        done += 1
    messages.success(request, done_message(done))
