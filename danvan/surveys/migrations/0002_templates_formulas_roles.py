from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns
from danvan.surveys.data.templates import FORMULAS, TEMPLATES

# Leaders and officers run their unit's surveys; additive, an administrator's edits are kept.
PATTERNS = {"leader": ["surveys.*"], "officer": ["surveys.*"]}


def load(apps, schema_editor):
    SurveyTemplate = apps.get_model("surveys", "SurveyTemplate")
    IndexFormula = apps.get_model("surveys", "IndexFormula")
    for code, name, basis, definition in TEMPLATES:
        SurveyTemplate.objects.update_or_create(
            code=code, defaults={"name": name, "basis": basis, "definition": definition}
        )
    for code, name, kind, levels, primary, description, basis in FORMULAS:
        IndexFormula.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "satisfied_levels": levels,
                "is_primary": primary,
                "description": description,
                "basis": basis,
            },
        )
    grant_patterns(apps, PATTERNS)


def unload(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("surveys", "0001_questionnaires_answers_index"),
    ]

    operations = [migrations.RunPython(load, unload)]
