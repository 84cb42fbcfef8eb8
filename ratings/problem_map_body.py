"""A body's own problem map: the appeals to it (with the bodies below it) by topic, from
its snapshot's category rows, beside the questions raised at its meetings in the same
period and its problem clusters open at the snapshot's moment (listening/); and those
questions by locality and topic (docs/receptions.md)."""

from __future__ import annotations

from dataclasses import dataclass

from agencies.models import Agency, Category
from listening.selectors import open_clusters_by_topic
from ratings.models import CategoryRow, RankingSnapshot, Scope
from ratings.problem_map import by_topic, meeting_questions
from ratings.units import RANKED_KINDS, unit_map

# The most rows of a body's localities shown, the most questions first.
LOCALITY_ROWS = 200
SCOPE_OF_KIND = {Agency.Kind.AKIMAT: Scope.AKIMATS, Agency.Kind.MINISTRY: Scope.MINISTRIES}


@dataclass(frozen=True)
class TopicRow:
    category: Category
    received: int
    rated: int
    dissatisfied: int
    questions: int
    clusters: int = 0  # problem clusters open at the snapshot's moment


@dataclass(frozen=True)
class LocalityRow:
    locality: str
    category: Category
    questions: int


def map_bodies() -> list[Agency]:
    """The bodies with a map of their own: the ranked akimats and ministries."""
    return list(Agency.objects.filter(kind__in=RANKED_KINDS).order_by("kind", "code"))


def _scope_snapshot(body: Agency, snapshot: RankingSnapshot) -> RankingSnapshot | None:
    """The snapshot of the body's scope published in the same run as `snapshot`."""
    return RankingSnapshot.objects.filter(
        scope=SCOPE_OF_KIND[Agency.Kind(body.kind)], period=snapshot.period,
        period_start=snapshot.period_start, period_end=snapshot.period_end,
        as_of=snapshot.as_of,
    ).first()  # fmt: skip


class BodyMap:
    """One ranked body's map in one snapshot's period."""

    def __init__(self, body: Agency, snapshot: RankingSnapshot) -> None:
        self.body, self.snapshot = body, snapshot
        agencies = [a for a, unit in unit_map().items() if unit == body.pk]
        self.agencies = agencies
        self.questions = meeting_questions(snapshot).filter(meeting__agency_id__in=agencies)

    def topics(self) -> list[TopicRow]:
        """Each top-level topic with appeals to the body or questions at its meetings."""
        holder = _scope_snapshot(self.body, self.snapshot)
        appeals = {
            row.category_id: row
            for row in CategoryRow.objects.filter(snapshot=holder, agency=self.body)
        }
        questions = {row["topic"]: row["count"] for row in by_topic(self.questions)}
        clusters = open_clusters_by_topic(self.agencies, self.snapshot.as_of)
        categories = Category.objects.in_bulk(set(appeals) | set(questions) | set(clusters))
        rows = [
            TopicRow(
                category=category,
                received=appeals[pk].received if pk in appeals else 0,
                rated=appeals[pk].rated if pk in appeals else 0,
                dissatisfied=appeals[pk].dissatisfied if pk in appeals else 0,
                questions=questions.get(pk, 0),
                clusters=clusters.get(pk, 0),
            )
            for pk, category in categories.items()
        ]
        return sorted(rows, key=lambda row: (-row.received - row.questions, row.category.position))

    def localities(self) -> list[LocalityRow]:
        """The questions at the body's meetings by locality and topic, the most first."""
        counted = by_topic(self.questions, "locality").order_by("-count", "locality")
        rows = list(counted[:LOCALITY_ROWS])
        categories = Category.objects.in_bulk({row["topic"] for row in rows})
        return [
            LocalityRow(row["locality"], categories[row["topic"]], row["count"]) for row in rows
        ]
