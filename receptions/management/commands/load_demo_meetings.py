from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from receptions.demo import demo_meetings


class Command(BaseCommand):
    help = (
        "Load the demo's receptions and meetings, their questions, bookings and ratings "
        "(after load_demo; once; safe to run again)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = demo_meetings()
        self.stdout.write(f"Demo meetings created: {made}")
