"""Legal thresholds (ngưỡng) as data with their legal basis, e.g. the crowd size."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("deadlines", "0001_moved_from_petitions")]

    operations = [
        migrations.CreateModel(
            name='Threshold',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='Stable identifier used by the code, e.g. petitions.crowd_size.', max_length=60, unique=True, validators=[django.core.validators.RegexValidator('^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$', 'Lower-case words joined by dots, e.g. complaint.first.')], verbose_name='code')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('value', models.PositiveIntegerField(verbose_name='value')),
                ('legal_basis', models.CharField(max_length=500, verbose_name='legal basis')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
            ],
            options={
                'verbose_name': 'legal threshold',
                'verbose_name_plural': 'legal thresholds',
                'ordering': ['code'],
            },
        ),
    ]
