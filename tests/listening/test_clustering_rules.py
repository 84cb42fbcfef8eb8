"""Which rule applies (the leaf's, its parent's, the default), and an administrator's
change of a rule in the admin taking effect at the job's next batch."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from agencies.models import Category
from listening.clustering import clustering_catch_up
from listening.models import ClusterRule, ProblemCluster
from listening.rules import rule_for
from tests.factories import UserFactory
from tests.listening.world import START, appeal

pytestmark = pytest.mark.django_db


def category(code: str) -> Category:
    return Category.objects.get(code=code)


def test_a_leaf_rule_wins_over_its_parent_and_the_default() -> None:
    ClusterRule.objects.create(category=category("housing"), similarity=0.5)
    leaf = ClusterRule.objects.create(category=category("housing-water"), similarity=0.6)
    assert rule_for(category("housing-water").pk) == leaf


def test_a_leaf_without_a_rule_takes_its_parents() -> None:
    parent = ClusterRule.objects.create(category=category("housing"), alert_applicants=4)
    assert rule_for(category("housing-heating").pk) == parent


def test_a_category_without_rules_takes_the_default() -> None:
    ClusterRule.objects.create(category=category("housing"), alert_applicants=4)
    default = ClusterRule.objects.get(category=None)
    assert rule_for(category("ecology-air").pk) == default


def test_without_a_default_row_the_models_defaults_apply() -> None:
    ClusterRule.objects.all().delete()
    rule = rule_for(category("ecology-air").pk)
    assert rule.pk is None and rule.similarity == ClusterRule().similarity


def test_a_rule_changed_in_the_admin_applies_to_the_next_batch() -> None:
    admin = Client()
    admin.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    default = ClusterRule.objects.get(category=None)
    url = reverse("admin:listening_clusterrule_change", args=[default.pk])
    assert admin.get(reverse("admin:listening_clusterrule_changelist")).status_code == 200
    changed = admin.post(url, {"category": "", "similarity": "0.95", "window_days": "7",
                               "alert_applicants": "10"})  # fmt: skip
    assert changed.status_code == 302
    appeal("Во дворе дома по улице Толе би, 85 прорвало трубу, вода заливает подвал и двор.")
    appeal("Прорвало трубу у дома Толе би 85, вода заливает подвал, во дворе течёт вода.",
           at=START + datetime.timedelta(hours=3))  # fmt: skip
    clustering_catch_up()
    assert not ProblemCluster.objects.exists()  # at 0.3 they would have joined
