"""The default clustering rule (the model's defaults, tuned on the evaluation set:
docs/listening.md), and the job's state: it starts after the appeals received more than
30 days before, so a big database is not clustered from its first appeal."""

from __future__ import annotations

from typing import Any

from django.db import migrations

START = """
SELECT id FROM appeals_appeal WHERE received_at < now() - interval '30 days'
ORDER BY id DESC LIMIT 1
"""


def create(apps: Any, schema_editor: Any) -> None:
    apps.get_model("listening", "ClusterRule").objects.get_or_create(category=None)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(START)
        row = cursor.fetchone()
    state = apps.get_model("listening", "ClusteringState")
    state.objects.get_or_create(pk=1, defaults={"last_appeal_id": row[0] if row else 0})


class Migration(migrations.Migration):
    dependencies = [("listening", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
