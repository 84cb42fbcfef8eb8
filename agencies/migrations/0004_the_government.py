# The Government above the ministries and the regional akimats: where complaints about
# them go. A database already loaded gets it here; a new one from load_reference.

from django.db import migrations, models


def government_above(apps, schema_editor):
    from agencies.reference_data import GOVERNMENT

    Agency = apps.get_model("agencies", "Agency")
    if not Agency.objects.exists():
        return
    names = {f"name_{lang}": getattr(GOVERNMENT.name, lang) for lang in ("ru", "kk", "en")}
    government, _ = Agency.objects.get_or_create(
        code=GOVERNMENT.code,
        defaults={"kind": "government", "abbreviation": GOVERNMENT.abbreviation, **names},
    )
    Agency.objects.filter(kind__in=["akimat", "ministry"], parent__isnull=True).update(
        parent=government
    )


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_appeal_type'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agency',
            name='kind',
            field=models.CharField(choices=[('government', 'The Government'), ('ministry', 'Ministry'), ('central', 'Other central body'), ('akimat', 'Akimat of a region or city'), ('local', 'Local executive body')], max_length=10, verbose_name='kind'),
        ),
        migrations.RunPython(government_above, migrations.RunPython.noop),
    ]
