"""Drop the indexes that a composite index already covers, the unused LIKE index, and the
indexes of events by actor or agency, which nothing reads; index only the appeals that are
complaints by what they complain of.

Each index is one more write for every appeal or event. Django's own AlterField would also
drop event_forward_idx (a partial index on appeal_id from ratings/0003) and re-check every
foreign key, so the database side is written out: indexes dropped by name, the unique
constraint on the reference renamed rather than rebuilt.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FORWARD = """
DROP INDEX IF EXISTS appeal_open_due_idx;
DROP INDEX IF EXISTS appeals_appeal_agency_id_5cd2a7a4;
DROP INDEX IF EXISTS appeals_appeal_applicant_id_36e20f75;
DROP INDEX IF EXISTS appeals_appeal_executor_id_9c196cc9;
DROP INDEX IF EXISTS appeals_appealevent_appeal_id_17365b2a;
DROP INDEX IF EXISTS appeals_appealevent_actor_id_60c2975b;
DROP INDEX IF EXISTS appeals_appealevent_from_agency_id_f444243f;
DROP INDEX IF EXISTS appeals_appealevent_to_agency_id_26aebc90;
DROP INDEX IF EXISTS appeals_appeal_reference_ab40b37c_like;
DROP INDEX IF EXISTS appeals_appeal_complaint_of_id_4d3c7541;
CREATE INDEX appeal_complaint_of_idx ON appeals_appeal (complaint_of_id)
    WHERE complaint_of_id IS NOT NULL;
ALTER TABLE appeals_appeal RENAME CONSTRAINT appeals_appeal_reference_key
    TO appeal_reference_unique;
"""
BACKWARD = """
ALTER TABLE appeals_appeal RENAME CONSTRAINT appeal_reference_unique
    TO appeals_appeal_reference_key;
DROP INDEX appeal_complaint_of_idx;
CREATE INDEX appeals_appeal_complaint_of_id_4d3c7541 ON appeals_appeal (complaint_of_id);
CREATE INDEX appeals_appeal_reference_ab40b37c_like
    ON appeals_appeal (reference varchar_pattern_ops);
CREATE INDEX appeals_appealevent_to_agency_id_26aebc90 ON appeals_appealevent (to_agency_id);
CREATE INDEX appeals_appealevent_from_agency_id_f444243f
    ON appeals_appealevent (from_agency_id);
CREATE INDEX appeals_appealevent_actor_id_60c2975b ON appeals_appealevent (actor_id);
CREATE INDEX appeals_appealevent_appeal_id_17365b2a ON appeals_appealevent (appeal_id);
CREATE INDEX appeals_appeal_executor_id_9c196cc9 ON appeals_appeal (executor_id);
CREATE INDEX appeals_appeal_applicant_id_36e20f75 ON appeals_appeal (applicant_id);
CREATE INDEX appeals_appeal_agency_id_5cd2a7a4 ON appeals_appeal (agency_id);
CREATE INDEX appeal_open_due_idx ON appeals_appeal (due_at)
    WHERE status IN ('submitted', 'registered', 'in_progress');
"""


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_oblast_label"),
        ("appeals", "0006_imported_records"),
        ("ratings", "0003_tallies"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.RemoveIndex(model_name="appeal", name="appeal_open_due_idx"),
                migrations.AlterField(
                    model_name="appeal",
                    name="agency",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals",
                        to="agencies.agency",
                        verbose_name="responsible agency",
                    ),
                ),
                migrations.AlterField(
                    model_name="appeal",
                    name="applicant",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="applicant",
                    ),
                ),
                migrations.AlterField(
                    model_name="appeal",
                    name="executor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assigned_appeals",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="executor",
                    ),
                ),
                migrations.AlterField(
                    model_name="appeal",
                    name="reference",
                    field=models.CharField(max_length=24, verbose_name="reference number"),
                ),
                migrations.AlterField(
                    model_name="appealevent",
                    name="appeal",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="appeals.appeal",
                        verbose_name="appeal",
                    ),
                ),
                migrations.AlterField(
                    model_name="appealevent",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="appealevent",
                    name="from_agency",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="agencies.agency",
                    ),
                ),
                migrations.AlterField(
                    model_name="appealevent",
                    name="to_agency",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="agencies.agency",
                    ),
                ),
                migrations.AlterField(
                    model_name="appeal",
                    name="complaint_of",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
                        to="appeals.appeal",
                        verbose_name="complaint about the answer to",
                    ),
                ),
                migrations.AddIndex(
                    model_name="appeal",
                    index=models.Index(
                        condition=models.Q(("complaint_of__isnull", False)),
                        fields=["complaint_of"],
                        name="appeal_complaint_of_idx",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="appeal",
                    constraint=models.UniqueConstraint(
                        fields=("reference",), name="appeal_reference_unique"
                    ),
                ),
            ],
        ),
    ]
