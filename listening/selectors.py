"""Reads of problem clusters: a staff member's clusters and, in one, the appeals he may
see; a cluster's growth; and the public side's clusters, big enough to be shown and never
with anything about the people in them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts.models import Visitor
from appeals.models import Appeal
from listening.models import ClusterMember, ProblemCluster, RuleChange
from listening.permissions import readable_agency_ids


def public_min_applicants() -> int:
    """The fewest different applicants a cluster needs to be shown to the public."""
    return int(settings.PROBLEM_CLUSTER_PUBLIC_MIN)


def clusters_for_staff(user: Visitor) -> QuerySet[ProblemCluster]:
    return ProblemCluster.objects.filter(agency_id__in=readable_agency_ids(user))


def readable_cluster(user: Visitor, cluster_id: int | str) -> ProblemCluster:
    """The cluster, if it is one of the bodies the staff member reads; else 404."""
    try:
        pk = int(cluster_id)
    except ValueError:
        raise Http404 from None
    related = clusters_for_staff(user).select_related("agency", "category", "region")
    cluster = related.filter(pk=pk).first()
    if cluster is None:
        raise Http404
    return cluster


def visible_members(user: Visitor, cluster: ProblemCluster) -> QuerySet[Appeal]:
    """The cluster's appeals this staff member may read: the back-office queue's rule (an
    appeal forwarded out of his bodies leaves his sight here too)."""
    members = ClusterMember.objects.filter(cluster=cluster).values("appeal_id")
    return Appeal.objects.filter(pk__in=members, agency_id__in=readable_agency_ids(user))


@dataclass(frozen=True)
class Growth:
    day: int  # appeals that joined in the last 24 hours
    week: int  # … in the last 7 days


def growth(cluster: ProblemCluster, now: datetime.datetime | None = None) -> Growth:
    now = now or timezone.now()
    counted = ClusterMember.objects.filter(cluster=cluster).aggregate(
        day=Count("pk", filter=Q(joined_at__gte=now - datetime.timedelta(days=1))),
        week=Count("pk", filter=Q(joined_at__gte=now - datetime.timedelta(days=7))),
    )
    return Growth(day=counted["day"], week=counted["week"])


def public_clusters() -> QuerySet[ProblemCluster]:
    """Clusters the public sees: at least PROBLEM_CLUSTER_PUBLIC_MIN different applicants."""
    return ProblemCluster.objects.filter(applicants__gte=public_min_applicants())


def open_at(moment: datetime.datetime) -> QuerySet[ProblemCluster]:
    """Public clusters open at `moment`: found by then, neither answered nor marked for a
    change of rules by then (an old map shows what it showed, its sizes aside)."""
    proposed = RuleChange.objects.filter(cluster=OuterRef("pk"), proposed_at__lte=moment)
    return (
        public_clusters()
        .filter(created_at__lte=moment)
        .exclude(answered_at__lte=moment)
        .exclude(Exists(proposed))
    )


def open_clusters_by_cell(moment: datetime.datetime) -> dict[tuple[int, int], int]:
    """Clusters open at `moment` by region and top-level category (the problem map)."""
    rows = (
        open_at(moment)
        .filter(region__isnull=False)
        .annotate(topic=Coalesce("category__parent_id", "category_id"))
        .values("region_id", "topic")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(row["region_id"], row["topic"]): row["count"] for row in rows}


def open_clusters_by_topic(agency_ids: list[int], moment: datetime.datetime) -> dict[int, int]:
    """Clusters of these bodies open at `moment` by top-level category (a body's map)."""
    rows = (
        open_at(moment)
        .filter(agency_id__in=agency_ids)
        .annotate(topic=Coalesce("category__parent_id", "category_id"))
        .values("topic")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["topic"]: row["count"] for row in rows}
