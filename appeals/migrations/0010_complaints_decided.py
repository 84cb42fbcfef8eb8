# Complaints about silence and about termination, decided by the higher body. The
# complaints sent before were all about an answer, and their appeals were complained about.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('appeals', '0009_submission_digest'),
    ]

    operations = [
        migrations.AddField(
            model_name='appeal',
            name='complained',
            field=models.BooleanField(db_default=False, default=False, verbose_name='complained about'),
        ),
        migrations.AddField(
            model_name='appeal',
            name='complaint_ground',
            field=models.CharField(blank=True, choices=[('answer', 'The answer'), ('inaction', 'No answer by the deadline'), ('termination', 'Left without consideration')], db_default='', max_length=12, verbose_name='complaint about'),
        ),
        migrations.AddField(
            model_name='appeal',
            name='complaint_outcome',
            field=models.CharField(blank=True, choices=[('upheld', 'Upheld'), ('partly_upheld', 'Partly upheld'), ('rejected', 'Rejected')], db_default='', max_length=14, verbose_name='decision on the complaint'),
        ),
        migrations.AddField(
            model_name='appeal',
            name='overturned',
            field=models.BooleanField(db_default=False, default=False, verbose_name='overturned'),
        ),
        migrations.RunSQL(
            "UPDATE appeals_appeal SET complaint_ground = 'answer' WHERE complaint_of_id IS NOT NULL",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "UPDATE appeals_appeal SET complained = true WHERE id IN"
            " (SELECT complaint_of_id FROM appeals_appeal WHERE complaint_of_id IS NOT NULL)",
            migrations.RunSQL.noop,
        ),
    ]
