"""The app's models now compose the core base models (ScopedModel, TimestampedModel,
VersionedModel). Columns keep their meaning: ``version`` only becomes non-editable in forms
(writers send the version they read; nobody types it), and rows that had only ``created_at``
gain ``updated_at``, set to their creation time (no change of them was recorded before).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dialogues', '0002_role_permissions'),
    ]

    operations = [
        migrations.AlterField(
            model_name='followupaction',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='version'),
        ),
    ]
