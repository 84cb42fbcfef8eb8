"""The clustering rules, edited by an administrator: a change applies from the job's next
batch (listening/rules.py)."""

from __future__ import annotations

from django.contrib import admin

from listening.models import ClusterRule


@admin.register(ClusterRule)
class ClusterRuleAdmin(admin.ModelAdmin[ClusterRule]):
    list_display = ("__str__", "similarity", "window_days", "alert_applicants")
    list_select_related = ("category",)
    autocomplete_fields = ("category",)
    ordering = ("category__code",)
