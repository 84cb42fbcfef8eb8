from __future__ import annotations

import sys
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from appeals.importing import terminal_progress
from bench.generating import DEFAULT_PASSWORD, DEFAULT_STAFF, Options, appeals_generate


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ArgumentTypeError("must be 1 or more")
    return number


def _seed(value: str) -> int:
    number = int(value)
    if not 0 <= number < 2**40:
        raise ArgumentTypeError("must be between 0 and 2**40")
    return number


class Command(BaseCommand):
    help = (
        "Write N synthetic appeals over the last years, with their citizens, staff, route "
        "events and ratings, straight into the database (for benchmarks). Commits batch by "
        "batch; Ctrl-C keeps the whole batches written so far."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--count", type=_positive, required=True, help="appeals to write")
        parser.add_argument("--seed", type=_seed, default=2026, help="same seed, same data")
        parser.add_argument("--years", type=_positive, default=10, help="history to spread over")
        parser.add_argument("--citizens", type=_positive, help="citizens (default: count / 8)")
        parser.add_argument("--staff", type=_positive, default=DEFAULT_STAFF, help="staff")
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="everyone's password")
        parser.add_argument("--workers", type=_positive, default=2, help="database sessions")
        parser.add_argument("--batch-size", type=_positive, default=250_000)
        parser.add_argument(
            "--meetings", type=int, default=-1,
            help="receptions and meetings (default: 0.9 %% of the appeals; 0: none)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        settings = Options(
            count=options["count"],
            seed=options["seed"],
            years=options["years"],
            citizens=options["citizens"] or 0,
            staff=options["staff"],
            password=options["password"],
            workers=options["workers"],
            batch_size=options["batch_size"],
            meetings=options["meetings"],
        )
        progress = terminal_progress(settings.count, sys.stderr)
        try:
            report = appeals_generate(settings, progress)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        rate = report.appeals / max(report.seconds, 0.001)
        self.stdout.write(
            f"{report.citizens:,} citizens and {report.staff:,} staff in "
            f"{report.people_seconds:.1f} s; {report.appeals:,} appeals, {report.events:,} "
            f"events and {report.ratings:,} ratings in {report.seconds:.1f} s "
            f"({rate:,.0f} appeals/s); {report.meetings:,} meetings with {report.questions:,} "
            f"questions."
        )
        self.stdout.write(f"Logins (password for all: {settings.password}):")
        for email, who in report.logins:
            self.stdout.write(f"  {email:40} {who}")
        if report.interrupted:
            raise CommandError("Interrupted: the whole batches above are kept.")
