from django.db import migrations, models

# AppealType moves here from appeals (reference data lives with the agencies); its table
# stays appeals_appealtype, so nothing moves in the database.


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0002_oblast_label'),
        ('appeals', '0001_initial'),  # which made its table
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AppealType',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name_ru', models.CharField(max_length=300, verbose_name='name (Russian)')),
                        ('name_kk', models.CharField(max_length=300, verbose_name='name (Kazakh)')),
                        ('name_en', models.CharField(max_length=300, verbose_name='name (English)')),
                        ('code', models.SlugField(max_length=20, unique=True, verbose_name='code')),
                        ('prefix', models.CharField(help_text='For example ЖТ.', max_length=4, unique=True, verbose_name='reference prefix')),
                        ('deadline_working_days', models.PositiveSmallIntegerField(verbose_name='deadline, working days')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                    ],
                    options={
                        'verbose_name': 'appeal type',
                        'verbose_name_plural': 'appeal types',
                        'db_table': 'appeals_appealtype',
                        'ordering': ['position'],
                    },
                ),
            ],
        ),
    ]
