"""The petitions benchmark (bench/petitions.py), briefly: gunicorn with production settings
on the test database, a few citizens signing one petition while one reads its page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from petitions.models import Petition, Signature
from portal.devservices import BASE_DIR
from tests.workers import worker_database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),  # gunicorn must see what this test commits
    pytest.mark.usefixtures("reference_after_flush"),
]


def test_every_signature_is_counted_once_and_the_page_is_read(tmp_path: Path) -> None:
    report = tmp_path / "petitions.json"
    command = [
        sys.executable, "bench/petitions.py", "--rate", "10", "--duration", "4",
        "--signers", "4", "--readers", "1", "--report", str(report),
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

    figures = json.loads(report.read_text())
    check = figures["check"]
    assert check["exact"] and check["signed"] == check["rows"] == check["count"] > 0
    assert set(figures["told"]) == {"signed"}  # no refusal, no error
    rows = {row["name"]: row for row in figures["rows"]}
    assert rows["sign"]["requests"] == check["signed"] and rows["sign"]["failures"] == 0
    assert rows["petition page"]["requests"] > 0 and rows["petition page"]["failures"] == 0
    petition = Petition.objects.get(title__startswith="Бенчмарк")
    assert Signature.objects.filter(petition=petition).count() == check["rows"]
    assert any(line.endswith(": exact") for line in figures["lines"])
