"""The app's models now compose the core base models (ScopedModel, TimestampedModel,
VersionedModel). Columns keep their meaning: ``version`` only becomes non-editable in forms
(writers send the version they read; nobody types it), and rows that had only ``created_at``
gain ``updated_at``, set to their creation time (no change of them was recorded before).
"""

from django.db import migrations, models


def updated_when_created(apps, schema_editor):
    """Existing rows were last changed, as far as anyone recorded, when they were created."""
    for name in ('OpinionSignal',):
        model = apps.get_model('hotspots', name)
        model.objects.update(updated_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('hotspots', '0002_default_rules_and_roles'),
    ]

    operations = [
        migrations.AddField(
            model_name='opinionsignal',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.RunPython(updated_when_created, migrations.RunPython.noop),
    ]
