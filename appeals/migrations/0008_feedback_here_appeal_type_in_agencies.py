import django.db.models.deletion
from django.db import migrations, models

# The citizen's rating (Feedback) moves here from ratings, and AppealType to agencies, so
# that imports run one way. Both keep their tables (ratings_feedback, appeals_appealtype):
# only Django's picture of them changes, and nothing moves in the database. Their content
# types follow them, so that permissions given on them stay.
MOVED = (("ratings", "appeals", "feedback"), ("appeals", "agencies", "appealtype"))


def move_content_types(apps, schema_editor, *, backwards=False):
    content_type = apps.get_model("contenttypes", "ContentType")
    for source, target, model in MOVED:
        if backwards:
            source, target = target, source
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_appeal_type'),
        ('appeals', '0007_fewer_indexes'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('ratings', '0008_snapshot_rows_unchecked_by_snapshot'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='appeal',
                    name='type',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='agencies.appealtype', verbose_name='type'),
                ),
                migrations.DeleteModel(name='AppealType'),
                migrations.CreateModel(
                    name='Feedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('satisfied', models.BooleanField(verbose_name='satisfied')),
                        ('reason', models.CharField(blank=True, choices=[('formal', 'A formal reply that does not address my question'), ('not_solved', 'The problem is not solved'), ('unclear', 'The answer is unclear'), ('late', 'The answer came too late'), ('rude', 'The answer is disrespectful'), ('other', 'Another reason')], max_length=12, verbose_name='reason')),
                        ('comment', models.TextField(blank=True, max_length=2000, verbose_name='comment')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='rated')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='changed')),
                        ('appeal', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='feedback', to='appeals.appeal', verbose_name='appeal')),
                    ],
                    options={
                        'verbose_name': 'feedback',
                        'verbose_name_plural': 'feedback',
                        'db_table': 'ratings_feedback',
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('reason', ''), ('satisfied', True)), ('satisfied', False), _connector='OR'), name='feedback_reason_only_when_dissatisfied')],
                    },
                ),
            ],
        ),
        migrations.RunPython(
            move_content_types,
            lambda apps, schema_editor: move_content_types(apps, schema_editor, backwards=True),
        ),
    ]
