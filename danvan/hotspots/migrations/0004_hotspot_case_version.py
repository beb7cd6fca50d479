"""A confirmed hotspot carries a version (optimistic concurrency): officers settling the same
case send the version they read. Existing cases start at 1, as every new row does."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('hotspots', '0003_stamp_signals_updated'),
    ]

    operations = [
        migrations.AddField(
            model_name='hotspotcase',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name='version'),
        ),
    ]
