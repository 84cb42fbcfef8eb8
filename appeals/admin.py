from __future__ import annotations

from django.contrib import admin

from appeals.models import AppealType


@admin.register(AppealType)
class AppealTypeAdmin(admin.ModelAdmin[AppealType]):
    list_display = ("code", "prefix", "name_ru", "name_kk", "name_en", "deadline_working_days")
    ordering = ("position",)
