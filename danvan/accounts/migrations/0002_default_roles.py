from django.db import migrations


def load_roles(apps, schema_editor):
    from danvan.accounts.roles import DEFAULT_ROLES

    Role = apps.get_model("accounts", "Role")
    for data in DEFAULT_ROLES:
        # Administrators may have edited a role: only create the missing ones.
        Role.objects.get_or_create(code=data["code"], defaults={k: v for k, v in data.items() if k != "code"})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_officials_roles_tokens")]

    operations = [migrations.RunPython(load_roles, migrations.RunPython.noop)]
