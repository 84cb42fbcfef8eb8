"""The public "problem questions": the clusters of appeals about one problem, per body and
per region, with their topics, sizes, status and dates and their proposals' status only.
Never names, texts, subjects, addresses or references; a cluster of fewer different
applicants than PROBLEM_CLUSTER_PUBLIC_MIN is not shown at all (docs/listening.md)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agencies.models import Agency, Region
from listening.models import ProblemCluster, RuleChange
from listening.selectors import public_clusters, public_min_applicants

PAGE_SIZE = 30
OPEN = ProblemCluster.Status.OPEN


def _counted(clusters: QuerySet[ProblemCluster], key: str) -> list[dict[str, Any]]:
    """Clusters and open clusters per `key` (agency_id or region_id), the most first."""
    return list(
        clusters.filter(**{f"{key}__isnull": False})
        .values(key)
        .annotate(clusters=Count("pk"), open=Count("pk", filter=Q(status=OPEN)))
        .order_by("-clusters", key)
    )


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The bodies and regions that have problem clusters, with their counts."""
    clusters = public_clusters()
    bodies, regions = _counted(clusters, "agency_id"), _counted(clusters, "region_id")
    agencies = Agency.objects.in_bulk([row["agency_id"] for row in bodies])
    places = Region.objects.in_bulk([row["region_id"] for row in regions])
    context = {
        "bodies": [{**row, "agency": agencies[row["agency_id"]]} for row in bodies],
        "regions": [{**row, "region": places[row["region_id"]]} for row in regions],
        "min_applicants": public_min_applicants(),
    }
    return render(request, "listening/public/index.html", context)


def _listing(request: HttpRequest, clusters: QuerySet[ProblemCluster], **context: Any) -> Any:
    """A page of clusters, with only their proposals' status read."""
    statuses = RuleChange.objects.only("cluster_id", "status").order_by("pk")
    ordered = (
        clusters.select_related("agency", "category", "region")
        .prefetch_related(Prefetch("rule_changes", queryset=statuses))
        .order_by("-last_appeal_at", "-pk")
    )
    paginator = Paginator(ordered, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context |= {
        "page": page, "query": "", "min_applicants": public_min_applicants(),
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "counts": clusters.aggregate(
            clusters=Count("pk"), open=Count("pk", filter=Q(status=OPEN))
        ),
    }  # fmt: skip
    return render(request, "listening/public/clusters.html", context)


@require_GET
def body(request: HttpRequest, code: str) -> HttpResponse:
    """One body's problem questions, by its code (or its number)."""
    found = Q(code=code) | Q(pk=int(code)) if code.isdigit() and len(code) < 10 else Q(code=code)
    agency = Agency.objects.filter(found).first()
    if agency is None:
        raise Http404
    clusters = public_clusters().filter(agency=agency)
    return _listing(request, clusters, agency=agency, heading=agency.name)


@require_GET
def region(request: HttpRequest, code: str) -> HttpResponse:
    """One region's problem questions, whichever body they went to."""
    place = Region.objects.filter(code=code).first()
    if place is None:
        raise Http404
    clusters = public_clusters().filter(region=place)
    return _listing(request, clusters, region=place, heading=place.name)
