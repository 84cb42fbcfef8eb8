"""The back-office's lists of things that change only through their services, one page
each: nobody adds, edits, deletes or acts in bulk here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import URLPattern

from appeals.selectors import is_staff_member


class ServiceOnlyAdmin(admin.ModelAdmin[Any]):
    """Read by every staff member (each list narrows what he sees); changed by none."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_staff_member(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_staff_member(request.user)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}  # no bulk actions: every change goes through a service, one at a time

    def list_and_page_urls(self) -> list[URLPattern]:
        """Of the admin's own pages only the list and the object's page: no add, delete or
        history, which would bypass the services."""
        names = {f"{self.opts.app_label}_{self.opts.model_name}_{page}"
                 for page in ("changelist", "change")}  # fmt: skip
        return [url for url in super().get_urls() if url.name in names]
