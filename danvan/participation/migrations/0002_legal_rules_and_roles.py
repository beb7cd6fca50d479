from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

# Leaders and dân vận officers record disclosures, consultations, decisions and answer
# recommendations; the Front's supervisors already add supervision rounds and
# recommendations (``participation.add_supervision*`` in the default roles). Additive.
PATTERNS = {"leader": ["participation.*"], "officer": ["participation.*"]}


def load(apps, schema_editor):
    from danvan.participation.legal_data import load as load_rules

    load_rules(apps)
    grant_patterns(apps, PATTERNS)


def unload(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("participation", "0001_grassroots_democracy"),
    ]

    operations = [migrations.RunPython(load, unload)]
