"""Appeals for the clustering tests: one per person unless told, at a time in the past
(so the job's settling delay has passed), and the loading of the evaluation set."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from accounts.models import User
from agencies.models import Agency, Category, Region
from agencies.reference import akimat_code
from appeals.models import Appeal
from tests.factories import AnsweredAppealFactory, UserFactory

DATA = Path(__file__).parent / "data" / "clusters.jsonl"
START = timezone.now() - datetime.timedelta(days=12)


def appeal(
    text: str, *, applicant: User | None = None, at: datetime.datetime | None = None,
    category: str = "housing-water", region: str = "KZ-75", agency: str = "akimat",
    address: str = "", language: str = "ru", **fields: object,
) -> Appeal:  # fmt: skip
    """A submitted appeal; `agency` "akimat" means the akimat of `region`."""
    body = Agency.objects.get(code=akimat_code(region) if agency == "akimat" else agency)
    return AnsweredAppealFactory.create(
        applicant=applicant or UserFactory.create(),
        category=Category.objects.get(code=category),
        region=Region.objects.get(code=region),
        agency=body, addressee=body, address=address, language=language,
        subject=" ".join(text.split()[:6])[:255], text=text,
        received_at=at or START, status=Appeal.Status.SUBMITTED, answered_at=None,
        answer_kind="", answer_text="", **fields,
    )  # fmt: skip


@dataclass(frozen=True)
class Labelled:
    appeal_id: int
    label: str | None


def evaluation_set_load() -> list[Labelled]:
    """The evaluation set as appeals, in the order they arrive (by day, then by line)."""
    rows = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    rows.sort(key=lambda row: (row["day"], row["id"]))
    loaded = []
    for row in rows:
        at = START + datetime.timedelta(days=row["day"], minutes=row["id"])
        made = appeal(
            row["text"], at=at, category=row["category"], region=row["region"],
            agency=row["agency"], address=row["address"], language=row["lang"],
        )  # fmt: skip
        loaded.append(Labelled(made.pk, row["cluster"]))
    return loaded
