"""The fixture ministers_2022.csv: the published figure of 2022 as import_meetings rows —
216 personal receptions of ministers on visits to the regions, 1,679 questions, 1,241
resolved on the spot (74 %), 438 under control. Deterministic; regenerate with
`.venv/bin/python -m tests.receptions.data.ministers_2022`."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from pathlib import Path

# receptions.importing.COLUMNS, which the test compares (this script needs no Django).
COLUMNS = (
    "meeting_ref", "agency_code", "kind", "starts_at", "ends_at", "official_name",
    "official_post", "region_code", "locality", "status", "not_held_reason", "target_group",
    "attendance", "question_category_code", "question_locality", "outcome", "forwarded_to_code",
)  # fmt: skip
PATH = Path(__file__).with_name("ministers_2022.csv")
MEETINGS, QUESTIONS, CONTROL = 216, 1_679, 438
MINISTRIES = (
    "mtszn", "mvd", "mf", "mz", "mp", "mju", "mps", "mt", "msh", "mtsriap", "mne", "mepr",
    "mnvo", "mchs", "me", "mti", "mvri", "mki", "mts", "mid", "mo",
)  # fmt: skip
REGIONS = (
    "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
    "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
)  # fmt: skip
TOPICS = (
    "housing-heating", "housing-water", "roads-transport-local-roads", "land-allocation",
    "employment-wage-arrears", "social-protection-targeted-aid", "pensions-benefits-pensions",
    "healthcare-clinics", "education-schools", "agriculture-subsidies", "ecology-water",
    "public-services-egov", "prices-food",
)  # fmt: skip


def rows() -> Iterator[dict[str, str]]:
    """Each meeting's questions: 167 meetings of 8 and 49 of 7; the 438 taken under control
    spread evenly over the 1,679 (question j is one when j * 438 / 1679 steps up)."""
    question = 0
    for number in range(MEETINGS):
        day = datetime.date(2022, 1, 17) + datetime.timedelta(days=(number * 337) // MEETINGS)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        ministry = MINISTRIES[number % len(MINISTRIES)]
        meeting = {
            "meeting_ref": f"2022-ministers-{number + 1:03d}", "agency_code": ministry,
            "kind": "visiting", "starts_at": f"{day.isoformat()}T10:00:00+06:00",
            "ends_at": f"{day.isoformat()}T13:00:00+06:00",
            "official_name": f"Minister {ministry.upper()}", "official_post": "Minister",
            "region_code": REGIONS[(number * 7) % len(REGIONS)], "locality": "",
            "status": "held", "not_held_reason": "", "target_group": "", "attendance": "",
        }  # fmt: skip
        for _ in range(8 if number < 167 else 7):
            control = (question + 1) * CONTROL // QUESTIONS > question * CONTROL // QUESTIONS
            yield {
                **meeting,
                "question_category_code": TOPICS[question % len(TOPICS)],
                "question_locality": "",
                "outcome": "control" if control else "resolved",
                "forwarded_to_code": "",
            }
            question += 1


def write(path: Path = PATH) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())


if __name__ == "__main__":
    write()
