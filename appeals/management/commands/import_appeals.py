from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from appeals.importing import COLUMNS, appeals_import, count_rows, terminal_progress


class Command(BaseCommand):
    help = (
        "Import past appeals from a UTF-8 CSV file with a header. Columns: "
        + ", ".join(COLUMNS)
        + ". A file with any bad row imports nothing unless --skip-invalid is given."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the good rows, report the rest"
        )

    def handle(self, *args: Any, file: str, skip_invalid: bool, **options: Any) -> None:
        started = time.monotonic()
        progress = terminal_progress(count_rows(file), sys.stderr)
        report = appeals_import(file, skip_invalid=skip_invalid, progress=progress)
        for error in report.errors[:100]:
            self.stderr.write(error)
        if report.error_count > 100:
            self.stderr.write(f"… and {report.error_count - 100} more errors")
        seconds = time.monotonic() - started
        summary = f"{report.imported} of {report.rows} rows imported in {seconds:.1f} s"
        if report.error_count and not skip_invalid:
            raise CommandError(f"{report.error_count} bad rows: nothing imported. {summary}.")
        self.stdout.write(self.style.SUCCESS(summary + "."))
