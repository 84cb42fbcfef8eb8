"""The back-office's problem clusters: a body's clusters, a cluster's page (its growth,
alerts, the member appeals the viewer may see, its proposals to change a rule), its answer
as a whole, and the proposals' steps. On the back-office site's sign-in and look."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from agencies.models import Category
from appeals.backoffice.paging import BoundedPaginator
from appeals.backoffice.site import backoffice_site
from core.refusals import ActionRefused
from core.requests import AuthenticatedRequest
from listening.answering import cluster_answer
from listening.forms import ClusterAnswerForm, ClusterFilterForm, MoveForm, ProposalForm
from listening.models import ClusterAlert, ProblemCluster, RuleChange, RuleChangeStep
from listening.permissions import may_answer, may_track_rules
from listening.proposals import NEXT, rule_change_move, rule_change_propose
from listening.selectors import clusters_for_staff, growth, readable_cluster, visible_members

PER_PAGE = 50
MEMBERS_PER_PAGE = 100


def page(request: HttpRequest, template: str, title: str, **context: Any) -> TemplateResponse:
    site_context = backoffice_site.each_context(request)
    context = {**site_context, "opts": ProblemCluster._meta, "title": title, **context}
    return TemplateResponse(request, template, context)


def cluster_url(cluster_id: int) -> str:
    return reverse("listening:cluster", args=[cluster_id])


def cluster_title(cluster: ProblemCluster) -> str:
    return _("Cluster %(number)s: %(topic)s") % {"number": cluster.pk, "topic": cluster.category}


def cluster_list(request: HttpRequest) -> HttpResponse:
    """The clusters of the viewer's bodies, the latest activity first."""
    clusters = clusters_for_staff(request.user)
    topics = Category.objects.filter(pk__in=clusters.values("category_id")).order_by("position")
    form = ClusterFilterForm(request.GET, categories=[(c.pk, c.name) for c in topics])
    chosen = form.cleaned_data if form.is_valid() else {}
    if chosen.get("status"):
        clusters = clusters.filter(status=chosen["status"])
    if chosen.get("category"):
        clusters = clusters.filter(category_id=chosen["category"])
    ordered = clusters.select_related("agency", "category", "region").order_by(
        "-last_appeal_at", "-pk"
    )
    found = BoundedPaginator(ordered, PER_PAGE).get_page(request.GET.get("page"))
    kept = "".join(f"{k}={v}&" for k, v in chosen.items() if v)
    return page(
        request, "listening/backoffice/cluster_list.html", _("Problem clusters of my bodies"),
        clusters=found, form=form, query=kept,
    )  # fmt: skip


def cluster_page(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """One cluster: its size and growth, alerts, visible appeals and proposals."""
    user = request.user
    cluster = readable_cluster(user, cluster_id)
    members = visible_members(user, cluster).order_by("-received_at", "-pk")
    shown = BoundedPaginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    changes = list(
        RuleChange.objects.filter(cluster=cluster)
        .select_related("proposed_by")
        .prefetch_related(Prefetch("steps", RuleChangeStep.objects.select_related("actor")
                                   .order_by("taken_at", "pk")))
        .order_by("pk")
    )  # fmt: skip
    tracks = may_track_rules(user, cluster)
    for change in changes:
        change.movable = tracks and bool(NEXT[change.status])  # type: ignore[attr-defined]
    return page(
        request, "listening/backoffice/cluster.html", cluster_title(cluster), cluster=cluster,
        growth=growth(cluster), members=shown, changes=changes,
        alerts=ClusterAlert.objects.filter(cluster=cluster).order_by("-created_at"),
        may_answer=may_answer(user, cluster)
        and cluster.status != ProblemCluster.Status.ANSWERED,
        may_propose=tracks, proposal_form=ProposalForm(),
    )  # fmt: skip


def _refused(request: HttpRequest, cluster_id: int, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect(cluster_url(cluster_id))


def answer(request: AuthenticatedRequest[User], cluster_id: int) -> HttpResponse:
    """The answer's form, with the appeals it would reach; sent, what became of each."""
    user = request.user
    cluster = readable_cluster(user, cluster_id)
    if not may_answer(user, cluster):
        raise Http404
    if cluster.status == ProblemCluster.Status.ANSWERED:
        return _refused(
            request, cluster.pk, _("This cluster has already been answered as a whole.")
        )
    form = ClusterAnswerForm(request.POST or None, request.FILES or None, actor=user)
    if request.method == "POST" and form.is_valid():
        try:
            result = cluster_answer(cluster_id=cluster.pk, actor=user, **form.cleaned_data)
        except ActionRefused as refused:
            return _refused(request, cluster.pk, refused.message)
        if result.answered:
            messages.success(request, _("Answered: %(answered)s; skipped: %(skipped)s.") % {
                "answered": len(result.answered), "skipped": len(result.skipped)})  # fmt: skip
        else:
            messages.error(request, _("No appeal could be answered: the cluster stays open."))
        return page(
            request, "listening/backoffice/answered.html", cluster_title(cluster),
            cluster=cluster, result=result,
        )  # fmt: skip
    return page(
        request, "listening/backoffice/answer.html", cluster_title(cluster), cluster=cluster,
        form=form, members=visible_members(user, cluster).order_by("received_at", "pk")[:200],
    )  # fmt: skip


def propose(request: AuthenticatedRequest[User], cluster_id: int) -> HttpResponse:
    """A proposal to change a rule, from the cluster's page."""
    user = request.user
    cluster = readable_cluster(user, cluster_id)
    if not may_track_rules(user, cluster):
        raise Http404
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule_change_propose(cluster_id=cluster.pk, actor=user, **form.cleaned_data)
        except ActionRefused as refused:
            return _refused(request, cluster.pk, refused.message)
        messages.success(request, _("The change of rules is proposed; track it here."))
        return redirect(cluster_url(cluster.pk))
    return page(
        request, "listening/backoffice/form.html", _("Propose a change of rules"),
        cluster=cluster, form=form, action=request.path,
        submit=_("Propose the change"),
    )  # fmt: skip


def move(request: AuthenticatedRequest[User], change_id: int) -> HttpResponse:
    """A proposal's next step: under review, adopted or rejected, with its outcome."""
    user = request.user
    change = RuleChange.objects.filter(pk=change_id).first()
    if change is None:
        raise Http404
    cluster = readable_cluster(user, change.cluster_id)
    if not may_track_rules(user, cluster):
        raise Http404
    if not NEXT[change.status]:
        return _refused(request, cluster.pk, _("This proposal has its outcome already."))
    form = MoveForm(request.POST or None, change=change)
    if request.method == "POST" and form.is_valid():
        try:
            rule_change_move(change_id=change.pk, actor=user, **form.cleaned_data)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The proposal's status is changed."))
            return redirect(cluster_url(cluster.pk))
    return page(
        request, "listening/backoffice/form.html", _("The proposal's next step"),
        cluster=cluster, form=form, action=request.path, change=change,
        submit=_("Save the step"), today=timezone.localdate(),
    )  # fmt: skip
