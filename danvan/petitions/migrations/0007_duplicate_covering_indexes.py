"""Covering indexes for the duplicate lookup on PostgreSQL (index-only scans).

The petitions about one commune are spread over the whole table; reading each row's heap page
costs one random read per candidate. With the folded text included in an index ordered by
commune (or handling unit) and date, the similarity scan reads a few consecutive index pages.
SQLite has no INCLUDE; its fallback scans the B-tree on ``place_id`` as before.
"""

from django.db import migrations

INDEXES = {
    "petition_dup_place_idx": "(place_id, received_on) INCLUDE (id, handling_unit_id, search_text)",
    "petition_dup_unit_idx": "(handling_unit_id, received_on) INCLUDE (id, search_text)",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, columns in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON petitions_petition {columns}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0006_trigram_search")]
    operations = [migrations.RunPython(forwards, backwards)]
