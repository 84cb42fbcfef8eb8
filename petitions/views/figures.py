"""How bodies deal with petitions (the figures), and how the law's rules and the figures
are read (the methodology). Public: bodies and counts only."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from petitions.exports import EXPORT_COLUMNS
from petitions.figures import RATES, FigurePeriod, figures
from petitions.levels import petition_rules
from petitions.models import ExcludedSubject, PetitionLevel


def chosen_period(value: str | None) -> str:
    return value if value in FigurePeriod.values else FigurePeriod.LAST_365_DAYS


@require_GET
def petition_figures(request: HttpRequest) -> HttpResponse:
    period = chosen_period(request.GET.get("period"))
    context = {
        "rows": figures(period),
        "period": period,
        "periods": list(FigurePeriod),
        "min_cases": settings.PETITIONS_MIN_CASES,
        "as_of": timezone.now(),
    }
    return render(request, "petitions/figures.html", context)


@require_GET
def methodology(request: HttpRequest) -> HttpResponse:
    rules = petition_rules()
    context = {
        "rules": rules,
        "moderating_body": rules.moderating_body if rules.moderating_body_id else None,
        "levels": PetitionLevel.objects.filter(is_active=True),
        "excluded": ExcludedSubject.objects.filter(is_active=True),
        "min_cases": settings.PETITIONS_MIN_CASES,
        "columns": EXPORT_COLUMNS,
        "rates": RATES,
    }
    return render(request, "petitions/methodology.html", context)
