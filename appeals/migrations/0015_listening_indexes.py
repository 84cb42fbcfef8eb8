"""The partial indexes of repeats, joined parallels and proposed topics, built CONCURRENTLY:
each reads all ten million appeals once, and writes go on meanwhile (not in a transaction).
"""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY

    dependencies = [("appeals", "0014_listening_ahead")]

    operations = [
        AddIndexConcurrently(
            model_name="appeal",
            index=models.Index(
                condition=models.Q(("repeat_of__isnull", False)),
                fields=["agency", "received_at"],
                name="appeal_repeat_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="appeal",
            index=models.Index(
                condition=models.Q(("joined_to__isnull", False)),
                fields=["joined_to"],
                name="appeal_joined_to_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="appeal",
            index=models.Index(
                condition=models.Q(("proposed_category__isnull", False)),
                fields=["received_at"],
                name="appeal_proposed_idx",
            ),
        ),
    ]
