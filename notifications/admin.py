from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = (
        "kind",
        "recipient",
        "subject",
        "about_type",
        "about_id",
        "created_at",
        "sent_at",
        "sms_sent_at",
        "read_at",
    )
    list_filter = ("kind", "by_email")
    list_select_related = ("recipient",)
    raw_id_fields = ("recipient",)
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
