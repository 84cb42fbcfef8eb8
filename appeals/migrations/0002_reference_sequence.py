from django.db import migrations

# One sequence for every appeal type: a reference number is never reused, even when
# the transaction that drew it rolls back.
FORWARD = "CREATE SEQUENCE IF NOT EXISTS appeals_reference_seq START 1"
BACKWARD = "DROP SEQUENCE IF EXISTS appeals_reference_seq"


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
