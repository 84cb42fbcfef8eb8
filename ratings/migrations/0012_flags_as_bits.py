# Methodology 4, and the flags of a logged part as the bits of one integer.

import importlib
from pathlib import Path

from django.db import migrations, models

# A logged part's thirteen flags become the bits of `flags` (ratings/sql/tallies.sql), one
# of them new: answered over a warning of the answer check (methodology 4), with its count
# in the unit tally and its figures in the ranking rows. The log is emptied and the
# tallies' state dropped, both ways: the next refresh rebuilds everything from the
# appeals. Back: the rules of 0011 (ratings/migrations/sql/tallies_0011.sql).
REBUILD = importlib.import_module("ratings.migrations.0004_tally_deltas").REBUILD
COUNTING_RULES_0011 = importlib.import_module(
    "ratings.migrations.0011_methodology_3"
).COUNTING_RULES_0011
PART_3 = "ratings_appeal_part(text, timestamptz, timestamptz, timestamptz, boolean, boolean)"
PART_4 = (
    "ratings_appeal_part(text, timestamptz, timestamptz, timestamptz, boolean, boolean,"
    " boolean)"
)
FLAGS = (
    "received", "withdrawn", "answered", "terminated", "answered_on_time", "complained",
    "complained_open", "overturned", "rated", "dissatisfied", "formal", "open",
)  # fmt: skip
EMPTY_LOG = "DELETE FROM ratings_tallydelta;"
# The rules of this migration's time; ratings/0014 installs those of ratings/sql/tallies.sql.
COUNTING_RULES_0012 = (Path(__file__).parent / "sql" / "tallies_0012.sql").read_text(
    encoding="utf-8"
)


class Migration(migrations.Migration):

    dependencies = [
        ("ratings", "0011_methodology_3"),
        ("appeals", "0011_answers_worth_reading"),
    ]

    operations = [
        migrations.RunSQL(EMPTY_LOG, reverse_sql=migrations.RunSQL.noop),
        *(migrations.RemoveField(model_name="tallydelta", name=name) for name in FLAGS),
        migrations.AddField(
            model_name="tallydelta",
            name="flags",
            field=models.IntegerField(),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="unittally", name="warned", field=models.IntegerField(db_default=0)
        ),
        *(
            migrations.AddField(
                model_name="rankingrow", name=name, field=models.FloatField(null=True)
            )
            for name in ("warned_rate", "warned_rate_low", "warned_rate_high")
        ),
        migrations.AddField(
            model_name="rankingrow", name="warned", field=models.PositiveIntegerField(null=True)
        ),
        migrations.RunSQL(
            f"DROP FUNCTION {PART_3};" + COUNTING_RULES_0012 + REBUILD,
            reverse_sql=EMPTY_LOG
            + f"DROP FUNCTION {PART_4}; DROP FUNCTION ratings_rating_flags(boolean, text);"
            + COUNTING_RULES_0011
            + REBUILD,
        ),
    ]
