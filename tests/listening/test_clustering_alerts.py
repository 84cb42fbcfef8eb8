"""A cluster reaching its rule's applicants raises one alert, told to the active controllers
of its body and to no one else, with its size, growth, examples and link."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.models import Membership
from agencies.models import Agency, Category
from appeals.models import Appeal
from listening.clustering import clustering_catch_up
from listening.models import ClusterAlert, ClusterRule, ProblemCluster
from notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory
from tests.listening.world import appeal

pytestmark = pytest.mark.django_db

TEXTS = (
    "Во дворе дома по улице Толе би, 85 прорвало трубу, вода заливает подвал и двор.",
    "Прорвало трубу у дома Толе би 85, вода заливает подвал, во дворе течёт вода.",
    "Прорыв трубы у дома Толе би 85, подвал затоплен водой, во дворе течёт вода.",
    "Толе би 85: прорвало трубу, вода в подвале и во дворе, аварийка не едет.",
)


def three_people_write(hours_ago: tuple[int, ...] = (50, 5, 1)) -> list[Appeal]:
    now = timezone.now()
    return [appeal(text, at=now - datetime.timedelta(hours=h))
            for text, h in zip(TEXTS, hours_ago, strict=False)]  # fmt: skip


@pytest.fixture(autouse=True)
def three_make_an_alert() -> None:
    ClusterRule.objects.update_or_create(category=None, defaults={"alert_applicants": 3})


def test_an_alert_is_raised_at_the_threshold_with_size_and_growth() -> None:
    three_people_write()
    clustering_catch_up()
    alert = ClusterAlert.objects.get()
    assert (alert.appeals, alert.applicants, alert.growth) == (3, 3, 2)
    assert ProblemCluster.objects.get().alerted_at == alert.created_at


def test_below_the_threshold_nothing_is_raised() -> None:
    three_people_write((5, 1))
    clustering_catch_up()
    assert ProblemCluster.objects.get().alerted_at is None
    assert not ClusterAlert.objects.exists()


def test_a_cluster_is_alerted_once() -> None:
    three_people_write()
    clustering_catch_up()
    appeal(TEXTS[3], at=timezone.now() - datetime.timedelta(minutes=30))
    clustering_catch_up()
    assert ProblemCluster.objects.get().appeals == 4
    assert ClusterAlert.objects.count() == 1


def test_the_bodys_active_controllers_are_told_and_no_one_else() -> None:
    akimat = Agency.objects.get(code="akimat-kz-75")
    controller = MembershipFactory.create(agency=akimat, role=Membership.Role.CONTROLLER).user
    MembershipFactory.create(agency=akimat, role=Membership.Role.HEAD)
    MembershipFactory.create(agency=akimat, role=Membership.Role.CONTROLLER, is_active=False)
    MembershipFactory.create(agency=Agency.objects.get(code="akimat-kz-71"),
                             role=Membership.Role.CONTROLLER)  # fmt: skip
    written = three_people_write()
    clustering_catch_up()
    notice = Notification.objects.get(kind="listening.cluster_alert")
    assert notice.recipient == controller
    cluster = ProblemCluster.objects.get()
    assert all(a.reference in notice.body for a in written)
    assert f"/{cluster.pk}/" in notice.body
    print(notice.subject, notice.body, sep="\n")


def test_a_parent_categorys_threshold_applies_to_its_leaves() -> None:
    ClusterRule.objects.create(category=Category.objects.get(code="housing"), alert_applicants=4)
    three_people_write()
    clustering_catch_up()
    assert not ClusterAlert.objects.exists()


def test_an_alert_needs_different_people_not_appeals() -> None:
    citizen = UserFactory.create()
    now = timezone.now()
    appeal(TEXTS[0], at=now - datetime.timedelta(hours=3))
    for text, hours in ((TEXTS[1], 2), (TEXTS[2], 1)):
        appeal(text, applicant=citizen, at=now - datetime.timedelta(hours=hours))
    clustering_catch_up()
    cluster = ProblemCluster.objects.get()
    assert (cluster.appeals, cluster.applicants) == (3, 2)
    assert not ClusterAlert.objects.exists()
