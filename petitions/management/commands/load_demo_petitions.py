from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from appeals.demo import DEMO_PASSWORD
from petitions.demo import demo_petitions


class Command(BaseCommand):
    help = (
        "Load the demo's petitions in every state, their signers and signatures, a "
        "moderator and the addressees' heads (after load_demo; once; safe to run again)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made, logins = demo_petitions()
        self.stdout.write(f"Demo petitions created: {made}")
        self.stdout.write(f"Demo logins for petitions (password: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.email:45} {login.role}")
