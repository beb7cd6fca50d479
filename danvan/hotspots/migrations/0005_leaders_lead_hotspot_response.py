from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

# Candidate-hotspot alerts went to the role code «leader», so a role an administrator builds
# never received them and a merged commune's leaders were looked for at the unit that ended.
# They now go to the holders of the explicit permission hotspots.lead_response (Quy định
# 11-QĐi/TW: the head of the party committee acts on crowded, complex matters), which no
# wildcard grants: the default «leader» role names it. Additive and reversible.
PATTERNS = {"leader": ["hotspots.lead_response"]}


def grant(apps, schema_editor):
    grant_patterns(apps, PATTERNS)


def revoke(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_stamp_grants_and_tokens_updated"),
        ("hotspots", "0004_hotspot_case_version"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
