import importlib

from django.db import migrations

from ratings.tallies.sql import counting_rules

# What part of the tallies an appeal is was written in each trigger and again in the full
# rebuild. It is now one function, ratings_appeal_part, in ratings/sql/tallies.sql with the
# triggers that call it, and the rebuild calls it too. The parts written are the same, so
# the tallies stay as they are. Back: 0006's functions, and no part function.
_OPEN_BY_DUE_DAY = importlib.import_module("ratings.migrations.0006_open_appeals_by_due_day")


class Migration(migrations.Migration):

    dependencies = [
        ('ratings', '0009_feedback_to_appeals'),
    ]

    operations = [
        migrations.RunSQL(
            counting_rules(),
            reverse_sql=_OPEN_BY_DUE_DAY.DELTA_TRIGGERS
            + "DROP FUNCTION ratings_appeal_part(text, timestamptz, timestamptz, timestamptz);",
        ),
    ]
