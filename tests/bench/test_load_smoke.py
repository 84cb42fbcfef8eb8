"""The load scenario of bench/load.py, briefly: gunicorn with production settings on the
test database, citizens sending appeals and staff working them at the same time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from appeals.models import Appeal
from portal.devservices import BASE_DIR
from tests.workers import worker_database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),  # gunicorn must see what this test commits
    pytest.mark.usefixtures("reference_after_flush"),
]


# 20 s: with the suite in two processes on two cores, 10 s once left no citizen time to send.
def test_no_appeal_is_lost_or_doubled_under_load(tmp_path: Path) -> None:
    report = tmp_path / "outcome.json"
    command = [
        sys.executable, "bench/load.py", "--citizens", "5", "--staff", "2", "--duration", "20",
        "--media-root", str(tmp_path / "media"), "--report", str(report),
    ]  # fmt: skip
    environment = {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": settings.REDIS_URL,
    }
    run = subprocess.run(
        command, cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=180
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]

    outcome = json.loads(report.read_text())
    assert outcome["failures"] == 0
    confirmed = {item["reference"]: item["email"] for item in outcome["confirmed"]}
    assert len(confirmed) == len(outcome["confirmed"]) > 0  # each confirmed once
    made = dict(
        Appeal.objects.filter(applicant__email__startswith="load-citizen-").values_list(
            "reference", "applicant__email"
        )
    )
    assert made == confirmed  # nothing lost, nothing doubled, each to its own citizen
