"""The app's models now compose the core base models (ScopedModel, TimestampedModel,
VersionedModel). Columns keep their meaning: ``version`` only becomes non-editable in forms
(writers send the version they read; nobody types it), and rows that had only ``created_at``
gain ``updated_at``, set to their creation time (no change of them was recorded before).
"""

from django.db import migrations, models


def updated_when_created(apps, schema_editor):
    """Existing rows were last changed, as far as anyone recorded, when they were created."""
    for name in ('Open311Key', 'PetitionExtension', 'ReceptionEntry'):
        model = apps.get_model('petitions', name)
        model.objects.update(updated_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('petitions', '0014_petition_intake_key_and_location'),
    ]

    operations = [
        migrations.AddField(
            model_name='open311key',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.AddField(
            model_name='petitionextension',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.AddField(
            model_name='receptionentry',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.AlterField(
            model_name='petition',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='receptionschedule',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='version'),
        ),
        migrations.RunPython(updated_when_created, migrations.RunPython.noop),
    ]
