"""Fuzzy duplicate search: pg_trgm on PostgreSQL; nothing to create on SQLite.

On PostgreSQL the ``pg_trgm`` extension provides ``similarity()`` over the accent-folded
``search_text`` of petitions. Candidates are first narrowed by B-tree indexes (the commune where
the matter arises, or the handling unit), so no trigram index is needed and intake stays fast. SQLite uses a token-overlap fallback computed in
Python over candidates narrowed by indexed columns (see casework/duplicates.py).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return  # duplicates.py falls back to token overlap
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension may be used by other apps; leave it installed.
    return


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_default_topics_and_reception_rules")]
    operations = [migrations.RunPython(forwards, backwards)]
