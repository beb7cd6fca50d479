"""The app's models now compose the core base models (ScopedModel, TimestampedModel,
VersionedModel). Columns keep their meaning: ``version`` only becomes non-editable in forms
(writers send the version they read; nobody types it), and rows that had only ``created_at``
gain ``updated_at``, set to their creation time (no change of them was recorded before).
"""

from django.db import migrations, models


def updated_when_created(apps, schema_editor):
    """Existing rows were last changed, as far as anyone recorded, when they were created."""
    for name in ('ApiToken', 'RoleAssignment'):
        model = apps.get_model('accounts', name)
        model.objects.update(updated_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_explicit_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.AddField(
            model_name='roleassignment',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.RunPython(updated_when_created, migrations.RunPython.noop),
    ]
