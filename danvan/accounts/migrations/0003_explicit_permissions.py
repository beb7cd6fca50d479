from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

# Two checks named role codes («leader», «system_admin») and so ignored roles an administrator
# builds and units merged into others. They now ask for permissions that only their exact name
# grants (core.scoping.explicit_permission): reading a denouncer's identity (leaders, Luật Tố cáo
# 2018 Điều 47) and unlocking an approved report (system administrators). Additive: an
# administrator's own edits of these roles are kept.
PATTERNS = {
    "leader": ["identity.read_denouncer"],
    "system_admin": ["reporting.unlock_submission"],
}


def grant(apps, schema_editor):
    grant_patterns(apps, PATTERNS)


def revoke(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_default_roles")]

    operations = [migrations.RunPython(grant, revoke)]
