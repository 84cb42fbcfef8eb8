"""Alerts: a cluster whose different applicants reach its rule's threshold is told, once,
to the controllers of its body through the notifications outbox."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Membership
from appeals.models import Appeal
from listening.models import ClusterAlert, ClusterMember, ProblemCluster
from listening.rules import rules_load
from notifications.services import notification_create, notifications_enqueue_sending

EXAMPLES = 5
GROWTH = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class Example:
    reference: str
    subject: str


def alerts_raise(*, cluster_ids: list[int], now: datetime.datetime | None = None) -> int:
    """Raise the alert of each cluster that crossed its threshold and has none yet; returns
    how many. Call inside the transaction that changed the clusters' counts."""
    now = now or timezone.now()
    rules = rules_load()
    crossed = [
        cluster
        for cluster in ProblemCluster.objects.filter(pk__in=cluster_ids, alerted_at=None)
        if cluster.applicants >= rules.for_category(cluster.category_id).alert_applicants
    ]
    raised = 0
    for cluster in crossed:
        # Claimed by a conditional update: a cluster is alerted once, whoever runs this.
        if ProblemCluster.objects.filter(pk=cluster.pk, alerted_at=None).update(alerted_at=now):
            _alert(cluster, now)
            raised += 1
    if raised:
        notifications_enqueue_sending()
    return raised


def _alert(cluster: ProblemCluster, now: datetime.datetime) -> None:
    growth = ClusterMember.objects.filter(cluster=cluster, joined_at__gt=now - GROWTH).count()
    alert = ClusterAlert.objects.create(
        cluster=cluster, created_at=now, appeals=cluster.appeals,
        applicants=cluster.applicants, growth=growth,
    )  # fmt: skip
    context = {
        "cluster": cluster, "alert": alert, "url": cluster_url(cluster.pk),
        "examples": examples_of(cluster.pk), "agency": cluster.agency,
    }  # fmt: skip
    controllers = Membership.objects.filter(
        agency_id=cluster.agency_id, role=Membership.Role.CONTROLLER, is_active=True,
        user__is_active=True,
    ).select_related("user")  # fmt: skip
    for membership in controllers:
        notification_create(
            recipient=membership.user,
            kind="listening.cluster_alert",
            template="notifications/cluster_alert.txt",
            context=context,
            about=cluster,
            dedupe_key=f"cluster-alert:{cluster.pk}:{membership.user_id}",
        )


def examples_of(cluster_id: int) -> list[Example]:
    """The cluster's latest appeals, by reference and subject (for staff only)."""
    ids = ClusterMember.objects.filter(cluster_id=cluster_id).order_by("-joined_at", "-appeal_id")
    rows = Appeal.objects.filter(pk__in=ids.values("appeal_id")[:EXAMPLES]).order_by("-pk")
    return [Example(reference, subject) for reference, subject in
            rows.values_list("reference", "subject")]  # fmt: skip


def cluster_url(cluster_id: int) -> str:
    """The cluster's back-office page, where the pages' app has named it."""
    try:
        path = reverse("listening:cluster", args=[cluster_id])
    except NoReverseMatch:
        path = f"/backoffice/listening/clusters/{cluster_id}/"
    return settings.SITE_URL.rstrip("/") + path
