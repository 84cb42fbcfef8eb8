from django.db import migrations

# Feedback now belongs to appeals (appeals/0008), in the same table: only Django's picture
# of it leaves ratings.


class Migration(migrations.Migration):

    dependencies = [
        ('appeals', '0008_feedback_here_appeal_type_in_agencies'),
        ('ratings', '0008_snapshot_rows_unchecked_by_snapshot'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Feedback')],
        ),
    ]
