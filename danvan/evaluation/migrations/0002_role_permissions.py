from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

# Leaders and officers self-assess their unit; at the province (Sở Nội vụ, the standing agency)
# the same grants run the round and appraise. Additive: an administrator's edits are kept.
PATTERNS = {"leader": ["evaluation.*"], "officer": ["evaluation.*"]}


def grant(apps, schema_editor):
    grant_patterns(apps, PATTERNS)


def revoke(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("evaluation", "0001_schemes_assessments_scores"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
