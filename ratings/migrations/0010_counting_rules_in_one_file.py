import importlib
from pathlib import Path

from django.db import migrations

# What part of the tallies an appeal is was written in each trigger and again in the full
# rebuild. It is now one function, ratings_appeal_part, in ratings/sql/tallies.sql with the
# triggers that call it, and the rebuild calls it too. The parts written are the same, so
# the tallies stay as they are. Back: 0006's functions, and no part function.
# The file as it was then (methodology 2), kept in sql/: a new database, and a migration
# back from 0011, install these rules, which the tables of this migration's time can run.
_OPEN_BY_DUE_DAY = importlib.import_module("ratings.migrations.0006_open_appeals_by_due_day")
COUNTING_RULES_0010 = (Path(__file__).parent / "sql" / "tallies_0010.sql").read_text(
    encoding="utf-8"
)


class Migration(migrations.Migration):

    dependencies = [
        ('ratings', '0009_feedback_to_appeals'),
    ]

    operations = [
        migrations.RunSQL(
            COUNTING_RULES_0010,
            reverse_sql=_OPEN_BY_DUE_DAY.DELTA_TRIGGERS
            + "DROP FUNCTION ratings_appeal_part(text, timestamptz, timestamptz, timestamptz);",
        ),
    ]
