from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

# Leaders, dân vận officers and inspectors plan and carry out inspections; the inspected unit's
# officials answer the findings given to them (assignee rule). Additive.
PATTERNS = {
    "leader": ["inspections.*"],
    "officer": ["inspections.*"],
    "inspector": ["inspections.*"],
}


def grant(apps, schema_editor):
    grant_patterns(apps, PATTERNS)


def revoke(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("inspections", "0001_plans_rounds_findings"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
