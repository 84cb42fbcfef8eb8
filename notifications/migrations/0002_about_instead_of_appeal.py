import django.db.models.deletion
from django.db import migrations, models

# The outbox refers to what a message is about by content type and id instead of a foreign
# key to appeals, so that it imports no app. The appeals' notices keep their reference.


def appeal_to_about(apps, schema_editor):
    notification = apps.get_model("notifications", "Notification")
    about_appeals = notification.objects.filter(appeal__isnull=False)
    if about_appeals.exists():
        content_type = apps.get_model("contenttypes", "ContentType")
        appeal, _ = content_type.objects.get_or_create(app_label="appeals", model="appeal")
        about_appeals.update(about_type=appeal, about_id=models.F("appeal_id"))


def about_to_appeal(apps, schema_editor):
    notification = apps.get_model("notifications", "Notification")
    notification.objects.filter(
        about_type__app_label="appeals", about_type__model="appeal"
    ).update(appeal_id=models.F("about_id"))


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='about_id',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='notification',
            name='about_type',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='about'),
        ),
        migrations.RunPython(appeal_to_about, about_to_appeal),
        migrations.RemoveField(
            model_name='notification',
            name='appeal',
        ),
    ]
