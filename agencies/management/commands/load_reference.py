from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from agencies.reference import reference_load


class Command(BaseCommand):
    help = (
        "Load regions, akimats, ministries, categories and appeal types. Safe to run again: "
        "creates what is missing and keeps the admins' edits unless --update is given."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="Restore the shipped names and links on rows that already exist.",
        )

    def handle(self, *args: Any, update: bool, **options: Any) -> None:
        loader = reference_load(update=update)
        for label in sorted(set(loader.created) | set(loader.updated)):
            self.stdout.write(
                f"{label}: {loader.created[label]} created, {loader.updated[label]} updated"
            )
        self.stdout.write(self.style.SUCCESS("Reference data is loaded."))
