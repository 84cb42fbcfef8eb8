# Whether the tallies hold changes the scheduled snapshots do not show yet: a run with none
# publishes nothing. True for the existing row, so that the next run publishes.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ratings", "0012_flags_as_bits")]

    operations = [
        migrations.AddField(
            model_name="tallystate",
            name="unpublished",
            field=models.BooleanField(default=True),
        ),
    ]
