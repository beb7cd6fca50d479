"""The table of the database cache (``CACHES`` in production without ``REDIS_URL``).

Django leaves ``createcachetable`` to a deployment step nobody ran: every use of the shared
cache in such a production (the portal's cards, the metrics' domain figures) failed on the
missing table. Created here, ``migrate`` is the one step; where no database cache is configured
(Redis, local memory in development and tests) nothing is created.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):  # type: ignore[no-untyped-def]
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_contact_codes")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
