"""The crowd size (đoàn đông người) as a threshold row with its legal basis.

Khoản 1 Điều 30 Luật Tiếp công dân số 42/2013/QH13: when several people come with the same
complaint, denunciation, petition or feedback they send representatives — one or two from 5 to
10 people (the same rule for complaints: Điều 8 khoản 4 Luật Khiếu nại 2011, detailed by Nghị
định 124/2020/NĐ-CP, which replaced Nghị định 75/2012/NĐ-CP). Petitions of 5 people or more
are therefore registered as crowded (đông người) cases.
"""

from django.db import migrations

THRESHOLDS = [
    {
        "code": "petitions.crowd_size",
        "name": "Số người tối thiểu của đoàn đông người",
        "value": 5,
        "legal_basis": (
            "Khoản 1 Điều 30 Luật Tiếp công dân số 42/2013/QH13; "
            "khoản 4 Điều 8 Luật Khiếu nại số 02/2011/QH13; Nghị định 124/2020/NĐ-CP"
        ),
        "note": (
            "Từ 05 đến 10 người cùng khiếu nại, tố cáo, kiến nghị, phản ánh về một nội dung thì "
            "cử 01 hoặc 02 người đại diện; trên 10 người có thể cử thêm nhưng không quá 05 người."
        ),
    }
]


def load(apps, schema_editor):
    Threshold = apps.get_model("deadlines", "Threshold")
    for data in THRESHOLDS:
        # An administrator may have edited the row: only create the missing ones.
        Threshold.objects.get_or_create(
            code=data["code"], defaults={k: v for k, v in data.items() if k != "code"}
        )


def unload(apps, schema_editor):
    Threshold = apps.get_model("deadlines", "Threshold")
    Threshold.objects.filter(code__in=[data["code"] for data in THRESHOLDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_legal_thresholds")]

    operations = [migrations.RunPython(load, unload)]
