"""Reads of published rankings, shared by the public pages, the exports and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from ratings.arithmetic import DAYS_DECIMALS, RATE_DECIMALS, published
from ratings.models import RankingRow, RankingSnapshot

SORTS: dict[str, list[Any]] = {
    "rank": [F("answer_rank").asc(nulls_last=True), "agency__name_ru"],
    "received": ["-received"],
    "answer_rate": [F("answer_rate").desc(nulls_last=True)],
    "dissatisfaction_rate": [F("dissatisfaction_rate").asc(nulls_last=True)],
    "on_time_rate": [F("on_time_rate").desc(nulls_last=True)],
    "overdue_open": ["-overdue_open"],
    "median_days_to_answer": [F("median_days_to_answer").asc(nulls_last=True)],
    "termination_rate": [F("termination_rate").asc(nulls_last=True)],
    "complaint_rate": [F("complaint_rate").asc(nulls_last=True)],
    "overturn_rate": [F("overturn_rate").asc(nulls_last=True)],
    "formal_rate": [F("formal_rate").asc(nulls_last=True)],
    "warned_rate": [F("warned_rate").asc(nulls_last=True)],
}


def snapshot_rows(snapshot: RankingSnapshot, sort: str = "rank") -> QuerySet[RankingRow]:
    return snapshot.rows.select_related("agency").order_by(*SORTS.get(sort, SORTS["rank"]))


# The open data's columns, in order: stable names, documented on the methodology page.
# Those of methodology 3 come last, so that the earlier ones keep their places; they are
# empty in older snapshots.
EXPORT_COLUMNS = (
    "agency_code", "agency_name_ru", "agency_name_kk", "agency_name_en",
    "received", "forwarded_out", "forwarded_in", "late_forwards", "withdrawn", "answered",
    "answer_rate", "answer_rate_low", "answer_rate_high", "answered_on_time", "on_time_rate",
    "on_time_rate_low", "on_time_rate_high", "overdue_open", "rated", "dissatisfied",
    "dissatisfaction_rate", "dissatisfaction_rate_low", "dissatisfaction_rate_high",
    "median_days_to_answer", "answer_rank", "dissatisfaction_rank",
    "terminated", "termination_rate", "termination_rate_low", "termination_rate_high",
    "complained", "complaint_rate", "complaint_rate_low", "complaint_rate_high",
    "overturned", "overturn_rate", "overturn_rate_low", "overturn_rate_high",
    "formal", "formal_rate", "formal_rate_low", "formal_rate_high", "returned_forwards",
    "warned", "warned_rate", "warned_rate_low", "warned_rate_high",
)  # fmt: skip


def export_record(row: RankingRow) -> dict[str, object]:
    """The row's published columns, rates to 4 decimals and the median to 2."""
    agency = row.agency
    names = {"agency_code": agency.code, "agency_name_ru": agency.name_ru,
             "agency_name_kk": agency.name_kk, "agency_name_en": agency.name_en}  # fmt: skip
    return {
        column: names[column] if column in names else published(
            getattr(row, column, None),
            DAYS_DECIMALS if column == "median_days_to_answer" else RATE_DECIMALS,
        )
        for column in EXPORT_COLUMNS
    }  # fmt: skip


def snapshot_header(snapshot: RankingSnapshot) -> dict[str, object]:
    return {
        "id": snapshot.pk,
        "scope": snapshot.scope,
        "period": snapshot.period,
        "period_start": snapshot.period_start.isoformat() if snapshot.period_start else None,
        "period_end": snapshot.period_end.isoformat(),
        "as_of": timezone.localtime(snapshot.as_of).isoformat(timespec="seconds"),
        "methodology_version": snapshot.methodology_version,
        "min_cases": snapshot.min_cases,
        "map_min_cases": snapshot.map_min_cases,
    }
