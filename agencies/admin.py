from __future__ import annotations

from django.contrib import admin

from agencies.models import Agency, AppealType, CalendarDay, Category, Region, RoutingRule

NAME_FIELDS = ("name_ru", "name_kk", "name_en")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ("code", *NAME_FIELDS, "kind")
    list_filter = ("kind",)
    search_fields = ("code", *NAME_FIELDS)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("code", "abbreviation", "name_ru", "kind", "region", "parent", "is_active")
    list_filter = ("kind", "is_active", "region")
    search_fields = ("code", "abbreviation", *NAME_FIELDS)
    list_select_related = ("region", "parent")
    autocomplete_fields = ("parent",)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ("code", "name_ru", "parent", "jurisdiction", "central_agency", "is_active")
    list_filter = ("jurisdiction", "is_active", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("code", *NAME_FIELDS)
    list_select_related = ("parent", "central_agency")
    autocomplete_fields = ("parent", "central_agency")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = ("category", "region", "agency", "is_active", "note")
    list_filter = ("is_active", "region")
    list_select_related = ("category", "region", "agency")
    autocomplete_fields = ("category", "agency")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin[CalendarDay]):
    list_display = ("date", "kind", "note")
    list_filter = ("kind",)
    date_hierarchy = "date"


@admin.register(AppealType)
class AppealTypeAdmin(admin.ModelAdmin[AppealType]):
    list_display = ("code", "prefix", *NAME_FIELDS, "deadline_working_days")
    ordering = ("position",)
