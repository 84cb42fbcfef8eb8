from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from appeals.importing import count_rows, terminal_progress
from receptions.importing import COLUMNS
from receptions.importing_load import meetings_import

SHOWN_ERRORS = 100


class Command(BaseCommand):
    help = (
        "Import past meetings and their questions from a UTF-8 CSV file with a header, one "
        "row per question (or a meeting's row with no question). Columns: "
        + ", ".join(COLUMNS)
        + ". A file with any bad row imports nothing unless --partial is given; meetings "
        "imported before (by meeting_ref) are skipped."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--partial", action="store_true", help="import the good rows, report the bad ones"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, then roll everything back"
        )

    def handle(self, *args: Any, file: str, partial: bool, dry_run: bool, **options: Any) -> None:
        started = time.monotonic()
        progress = terminal_progress(count_rows(file), sys.stderr)
        report = meetings_import(file, partial=partial, dry_run=dry_run, progress=progress)
        for error in report.errors[:SHOWN_ERRORS]:
            self.stderr.write(error)
        if report.error_count > SHOWN_ERRORS:
            more = report.error_count - SHOWN_ERRORS
            self.stderr.write(_("… and %(count)s more errors") % {"count": more})
        summary = _(
            "%(rows)s rows read: %(meetings)s meetings and %(questions)s questions imported, "
            "%(skipped)s meetings already imported skipped, in %(seconds).1f s"
        ) % {
            "rows": report.rows, "meetings": report.meetings, "questions": report.questions,
            "skipped": report.skipped, "seconds": time.monotonic() - started,
        }  # fmt: skip
        if report.error_count and not partial:
            raise CommandError(
                _("%(count)s bad rows: nothing imported. %(summary)s.")
                % {"count": report.error_count, "summary": summary}
            )
        if dry_run:
            summary = _("Dry run, nothing kept: %(summary)s") % {"summary": summary}
        self.stdout.write(self.style.SUCCESS(summary + "."))
