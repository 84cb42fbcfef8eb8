"""The inbox on the portal: the person's notices, each marked read when opened."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.requests import AuthenticatedRequest
from notifications.selectors import inbox_of
from notifications.services import notification_read, notifications_read_all

PAGE_SIZE = 20

Request = AuthenticatedRequest[AbstractBaseUser]


@login_required
@require_GET
def inbox(request: Request) -> HttpResponse:
    page = Paginator(inbox_of(request.user.pk), PAGE_SIZE).get_page(request.GET.get("page"))
    page_range = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return render(request, "notifications/inbox.html", {"page": page, "page_range": page_range})


@login_required
@require_GET
def notice(request: Request, pk: int) -> HttpResponse:
    """One of the person's own notices; anyone else's is not found."""
    found = get_object_or_404(inbox_of(request.user.pk), pk=pk)
    notification_read(notification_id=found.pk, recipient_id=request.user.pk)
    return render(request, "notifications/notice.html", {"notice": found})


@login_required
@require_POST
def read_all(request: Request) -> HttpResponse:
    notifications_read_all(recipient_id=request.user.pk)
    return redirect("inbox:list")
