"""The open data of listed petitions, with the list's filters, as CSV and JSON: streamed a
row at a time, each petition's exact count from its shards summed in one grouped query for
the whole export, and CSV cells kept from running as formulas."""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.rates import as_spreadsheet_text
from petitions.listing import filtered, request_filters, signature_totals
from petitions.models import Petition

# The columns, in order: stable names, documented on the methodology page.
EXPORT_COLUMNS = (
    "number", "title", "addressee_code", "addressee_name_ru", "addressee_name_kk",
    "addressee_name_en", "level", "region_code", "topic_code", "status", "signatures",
    "threshold", "published", "listed", "reached", "answer_due", "answered", "outcome",
    "on_time", "url",
)  # fmt: skip
CHUNK = 500


def _moment(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def on_time(petition: Petition) -> bool | None:
    """Answered by its due moment; None until answered."""
    if petition.answered_at is None or petition.answer_due is None:
        return None
    return petition.answered_at <= petition.answer_due


def record(petition: Petition, signatures: int, site: str) -> dict[str, object]:
    """A petition's open-data columns: no author, no signer."""
    addressee = petition.addressee
    return {
        "number": petition.number,
        "title": petition.title,
        "addressee_code": addressee.code,
        "addressee_name_ru": addressee.name_ru,
        "addressee_name_kk": addressee.name_kk,
        "addressee_name_en": addressee.name_en,
        "level": petition.level.code,
        "region_code": petition.region.code if petition.region else None,
        "topic_code": petition.category.code,
        "status": petition.status,
        "signatures": signatures,
        "threshold": petition.threshold,
        "published": _moment(petition.published_at),
        "listed": _moment(petition.listed_at),
        "reached": _moment(petition.reached_at),
        "answer_due": _moment(petition.answer_due),
        "answered": _moment(petition.answered_at),
        "outcome": petition.outcome or None,
        "on_time": on_time(petition),
        "url": site + reverse("petitions:detail", args=[petition.slug]),
    }


def records(request: HttpRequest) -> Iterator[dict[str, object]]:
    """The filtered petitions' rows: the counts read first, then the rows in chunks."""
    petitions = filtered(request_filters(request.GET))
    totals = signature_totals(petitions)
    site = settings.SITE_URL.rstrip("/")
    for petition in petitions.iterator(chunk_size=CHUNK):
        yield record(petition, totals.get(petition.pk, 0), site)


class _Line:
    """A file-like target for csv.writer that hands back what it is given."""

    def write(self, text: str) -> str:
        return text


def _csv_lines(rows: Iterator[dict[str, object]]) -> Iterator[str]:
    writer = csv.DictWriter(_Line(), fieldnames=list(EXPORT_COLUMNS))
    yield "\ufeff"  # a byte-order mark, so spreadsheet programs read UTF-8
    yield writer.writeheader()
    for row in rows:
        yield writer.writerow({name: as_spreadsheet_text(value) for name, value in row.items()})


def _json_parts(rows: Iterator[dict[str, object]]) -> Iterator[str]:
    yield '{"columns": ' + json.dumps(list(EXPORT_COLUMNS)) + ', "rows": ['
    for number, row in enumerate(rows):
        yield ("," if number else "") + json.dumps(row, ensure_ascii=False)
    yield "]}"


def _download(parts: Iterator[str], content_type: str, extension: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(parts, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="otinish-petitions.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _download(_csv_lines(records(request)), "text/csv; charset=utf-8", "csv")


@require_GET
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    return _download(_json_parts(records(request)), "application/json", "json")
