"""The deadline rules and the working calendar move from petitions to their own app.

Only Django's state moves: the tables keep their names (``db_table`` petitions_deadlinerule,
petitions_calendarentry) and every row, so nothing is copied and no data can be lost. On a new
database petitions 0001 creates the tables, on a live one they are already there. Migration
petitions 0015 removes the models from the petitions state after this one.
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    # The tables exist, with every column the model has, once petitions reached 0014.
    dependencies = [("petitions", "0014_petition_intake_key_and_location")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CalendarEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(unique=True, verbose_name='day')),
                        ('kind', models.CharField(choices=[('day_off', 'day off'), ('working_day', 'working day')], max_length=20, verbose_name='kind')),
                        ('name', models.CharField(max_length=255, verbose_name='name')),
                        ('legal_basis', models.CharField(max_length=500, verbose_name='legal basis')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                    ],
                    options={
                        'verbose_name': 'working calendar entry',
                        'verbose_name_plural': 'working calendar entries',
                        'db_table': 'petitions_calendarentry',
                        'ordering': ['day'],
                    },
                ),
                migrations.CreateModel(
                    name='DeadlineRule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rule_id', models.CharField(db_index=True, help_text='Stable identifier used by the code, e.g. complaint.first.', max_length=60, validators=[django.core.validators.RegexValidator('^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$', 'Lower-case words joined by dots, e.g. complaint.first.')], verbose_name='rule id')),
                        ('name', models.CharField(max_length=255, verbose_name='name')),
                        ('start_event', models.CharField(help_text='The event the period counts from, e.g. the day the complaint is accepted.', max_length=255, verbose_name='start event')),
                        ('duration', models.PositiveSmallIntegerField(verbose_name='duration')),
                        ('unit', models.CharField(choices=[('calendar_day', 'calendar day'), ('working_day', 'working day')], max_length=20, verbose_name='unit')),
                        ('complex_duration', models.PositiveSmallIntegerField(blank=True, help_text='Replaces the duration for a complex case (vụ việc phức tạp); empty if none.', null=True, verbose_name='duration for a complex case')),
                        ('remote_duration', models.PositiveSmallIntegerField(blank=True, help_text='Replaces the duration in a remote, hard-to-reach area (vùng sâu, vùng xa).', null=True, verbose_name='duration in a remote area')),
                        ('remote_complex_duration', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='duration for a complex case in a remote area')),
                        ('extension_days', models.PositiveSmallIntegerField(blank=True, help_text='Days added by each extension (gia hạn); empty if the period cannot be extended.', null=True, verbose_name='days per extension')),
                        ('max_extensions', models.PositiveSmallIntegerField(default=0, help_text='E.g. 2 for a denunciation: once if complex, twice if especially complex.', verbose_name='maximum number of extensions')),
                        ('complex_max_extensions', models.PositiveSmallIntegerField(blank=True, help_text='Where the law allows extensions only for complex cases: how many a complex (not especially complex) case gets, e.g. 1 for a denunciation; a case that is not complex then gets none. Empty: any case gets up to the maximum.', null=True, verbose_name='extensions for a complex case')),
                        ('legal_basis', models.CharField(max_length=500, verbose_name='legal basis')),
                        ('effective_from', models.DateField(verbose_name='in force from')),
                        ('effective_to', models.DateField(blank=True, help_text='Last day in force; empty: still in force.', null=True, verbose_name='in force until')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                    ],
                    options={
                        'verbose_name': 'deadline rule',
                        'verbose_name_plural': 'deadline rules',
                        'db_table': 'petitions_deadlinerule',
                        'ordering': ['rule_id', 'effective_from'],
                        'constraints': [models.UniqueConstraint(fields=('rule_id', 'effective_from'), name='deadline_rule_version_unique'), models.CheckConstraint(condition=models.Q(('effective_to__isnull', True), ('effective_to__gte', models.F('effective_from')), _connector='OR'), name='deadline_rule_period_ordered'), models.CheckConstraint(condition=models.Q(('max_extensions', 0), ('extension_days__isnull', False), _connector='OR'), name='deadline_rule_extension_has_days')],
                    },
                ),
            ],
        )
    ]
