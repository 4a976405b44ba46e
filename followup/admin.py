from django import forms
from django.contrib import admin

from core.admin import HistoryAdmin

from .models import Indicator, IndicatorValue, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["name", "kolada_id", "unit", "better"]
    list_filter = ["better", "focus_areas"]
    search_fields = ["name", "name_en", "kolada_id"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("focus_areas", "tags"):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "municipality", "year", "gender", "value"]
    list_filter = ["municipality", "year", "gender"]
    search_fields = ["indicator__name", "indicator__kolada_id"]
    list_select_related = ["indicator", "municipality"]
