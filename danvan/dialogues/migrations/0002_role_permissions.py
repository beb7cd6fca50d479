from django.db import migrations

# Leaders and dân vận officers record dialogues and follow their actions; the responsible
# units' officials update the follow-ups they were given. Additive: an administrator's own
# edits of these roles are kept.
PATTERNS = {"leader": ["dialogues.*"], "officer": ["dialogues.*"]}


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
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("dialogues", "0001_dialogues_follow_ups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
