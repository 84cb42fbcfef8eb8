"""`manage.py warm_database`: the busiest relations read into memory now (portal/warming.py);
for a deployment's start script, or by hand after a restart or a bulk job."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from portal import warming


class Command(BaseCommand):
    help = "Read the relations the busiest pages need into the operating system's cache."

    def handle(self, *args: Any, **options: Any) -> None:
        pages = warming.warm()
        if not pages:
            self.stderr.write("pg_prewarm is not available: nothing was warmed.")
            return
        for relation, count in pages.items():
            self.stdout.write(f"{relation}: {count} pages")
