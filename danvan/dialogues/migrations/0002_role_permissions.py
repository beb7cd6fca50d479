from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

# Leaders and dân vận officers record dialogues and follow their actions; the responsible
# units' officials update the follow-ups they were given. Additive: an administrator's own
# edits of these roles are kept.
PATTERNS = {"leader": ["dialogues.*"], "officer": ["dialogues.*"]}


def grant(apps, schema_editor):
    grant_patterns(apps, PATTERNS)


def revoke(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("dialogues", "0001_dialogues_follow_ups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
