"""Loads the law's petition rules: levels and thresholds, excluded subjects, populations."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from petitions.reference import petition_rules_load


class Command(BaseCommand):
    help = "Load the e-petition rules of the law (reference data an administrator can edit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--update", action="store_true", help="Put shipped rows back as shipped."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = petition_rules_load(update=options["update"])
        self.stdout.write(
            f"Petition rules: {loaded.levels} levels, {loaded.subjects} excluded subjects, "
            f"{loaded.populations} populations written."
        )
