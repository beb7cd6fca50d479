"""The deadline rules and the working calendar now belong to the ``deadlines`` app.

State only: the tables and their rows stay (``deadlines.0001`` took the models over with the
same table names). Their content types move too, so the audit log's history of rule and
calendar edits, and the admin permissions, follow the models instead of pointing at nothing.
"""

from django.db import migrations

MODELS = ["deadlinerule", "calendarentry"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label="deadlines", model=model).exists():
            continue  # created already (a database migrated by an unfinished run): keep both
        ContentType.objects.filter(app_label="petitions", model=model).update(
            app_label="deadlines"
        )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label="petitions", model=model).exists():
            continue
        ContentType.objects.filter(app_label="deadlines", model=model).update(
            app_label="petitions"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("deadlines", "0001_moved_from_petitions"),
        ("petitions", "0014_petition_intake_key_and_location"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="CalendarEntry"),
                migrations.DeleteModel(name="DeadlineRule"),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
