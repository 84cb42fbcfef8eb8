# A new appeal's logged part carries its rating when the rating was written first in the
# same transaction, as the import writes them when it keeps the triggers
# (ratings/sql/tallies.sql). What is logged already means the same: no rebuild.
# Back: the rules of 0012 (ratings/migrations/sql/tallies_0012.sql).

import importlib

from django.db import migrations

from ratings.tallies.sql import counting_rules

COUNTING_RULES_0012 = importlib.import_module(
    "ratings.migrations.0012_flags_as_bits"
).COUNTING_RULES_0012


class Migration(migrations.Migration):
    dependencies = [("ratings", "0013_tallies_unpublished")]

    operations = [migrations.RunSQL(counting_rules(), reverse_sql=COUNTING_RULES_0012)]
