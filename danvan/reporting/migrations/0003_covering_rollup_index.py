"""On PostgreSQL the roll-up index also carries the value (INCLUDE), so consolidating a form and
period for the whole country is an index-only scan. SQLite has no covering indexes and keeps the
plain partial index of the model."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS reporting_value_rollup",
    "CREATE INDEX reporting_value_rollup ON reporting_datavalue "
    "(form_id, period, element_id, path) INCLUDE (value) WHERE approved",
]
BACKWARD = [
    "DROP INDEX IF EXISTS reporting_value_rollup",
    "CREATE INDEX reporting_value_rollup ON reporting_datavalue "
    "(form_id, period, element_id, path) WHERE approved",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_default_period_rules")]
    operations = [migrations.RunPython(forward, backward)]
