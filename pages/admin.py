from django.contrib import admin

from core.admin import HistoryAdmin

from .models import AccessibilityStatement, Page, SiteIdentity


@admin.register(Page)
class PageAdmin(HistoryAdmin):
    list_display = ["title", "slug", "position", "in_navigation", "is_published"]
    # No list_editable: Django renders those inputs without labels (axe "label").
    search_fields = ["title", "title_en", "body"]


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(HistoryAdmin):
    def has_add_permission(self, request):
        return not AccessibilityStatement.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SiteIdentity)
class SiteIdentityAdmin(HistoryAdmin):
    """The site's name, municipality and logo; the levels' names are each programme's own,
    and the accessibility statement's contact details are the statement's."""

    fieldsets = [
        (None, {"fields": ["site_name", "site_name_en", "organisation", "organisation_en"]}),
        (None, {"fields": ["municipality_code", "logo"]}),
    ]

    def has_add_permission(self, request):
        return not SiteIdentity.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
