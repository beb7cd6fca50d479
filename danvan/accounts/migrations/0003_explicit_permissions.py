from django.db import migrations

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
    Role = apps.get_model("accounts", "Role")
    for code, patterns in PATTERNS.items():
        role = Role.objects.filter(code=code).first()
        if role is None:
            continue
        missing = [p for p in patterns if p not in role.permissions]
        if missing:
            role.permissions = [*role.permissions, *missing]
            role.save(update_fields=["permissions"])


def revoke(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, patterns in PATTERNS.items():
        role = Role.objects.filter(code=code).first()
        if role is not None:
            role.permissions = [p for p in role.permissions if p not in patterns]
            role.save(update_fields=["permissions"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_default_roles")]

    operations = [migrations.RunPython(grant, revoke)]
