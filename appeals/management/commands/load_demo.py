from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from appeals.demo import DEMO_AGENCIES, DEMO_PASSWORD, demo_appeals, demo_people
from appeals.demo_complaints import demo_complaints
from appeals.demo_exchange import demo_questions, demo_templates


class Command(BaseCommand):
    help = "Load the demo citizens, staff and appeals (once; safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        citizens, staff, logins = demo_people()
        created = demo_appeals(citizens, staff)
        self.stdout.write(f"Demo appeals created: {created}")
        complaints = demo_complaints(citizens, staff, DEMO_AGENCIES)
        self.stdout.write(f"Demo complaints sent: {complaints}")
        templates = demo_templates(DEMO_AGENCIES)
        questions = demo_questions(citizens, staff, DEMO_AGENCIES)
        self.stdout.write(f"Demo answer templates: {templates}; questions asked: {questions}")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.email:45} {login.role}")
