"""The register classifies what a person came about, and the audit log forgets their name.

Until now a reception register line's description (its ``__str__``) carried the person's name,
and django-auditlog copied it into ``LogEntry.object_repr``, which administrators read in the
back office: for a denouncer that breaks Điều 47 Luật Tố cáo 2018. The descriptions already
written are rewritten to the new, nameless form.
"""

from django.db import migrations, models


def scrub_audit_descriptions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    try:
        LogEntry = apps.get_model("auditlog", "LogEntry")
    except LookupError:  # auditlog not installed: nothing was written
        return
    content_type = ContentType.objects.filter(app_label="petitions", model="receptionentry").first()
    if content_type is None:
        return
    ReceptionEntry = apps.get_model("petitions", "ReceptionEntry")
    dates = dict(ReceptionEntry.objects.values_list("pk", "received_on"))
    entries = LogEntry.objects.filter(content_type=content_type).only("pk", "object_pk")
    for entry in entries.iterator():
        pk = int(entry.object_pk) if str(entry.object_pk).isdigit() else None
        day = dates.get(pk)
        text = f"Lượt tiếp công dân số {pk}" + (f" ngày {day:%d/%m/%Y}" if day else "")
        LogEntry.objects.filter(pk=entry.pk).update(object_repr=text)


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0012_deadline_extensions_by_complexity"),
        ("auditlog", "__first__"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="receptionentry",
            name="subject_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("complaint", "Complaint (khiếu nại)"),
                    ("denunciation", "Denunciation (tố cáo)"),
                    ("recommendation", "Recommendation (kiến nghị)"),
                    ("feedback", "Feedback (phản ánh)"),
                ],
                max_length=20,
                verbose_name="kind of matter",
            ),
        ),
        migrations.RunPython(scrub_audit_descriptions, migrations.RunPython.noop),
    ]
