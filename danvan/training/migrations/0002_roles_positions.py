from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

PATTERNS = {"leader": ["training.*"], "officer": ["training.*"]}

# Default citizen-facing positions (province empty): the commune civil servants who receive
# citizens' files and requests (Nghị định 33/2023/NĐ-CP lists the commune civil-servant titles;
# which of them «deal with citizens» is each province's choice — not verified; a province adds
# its own list in the admin, which then replaces this one for it).
BASIS = (
    "Chức danh công chức cấp xã (Nghị định 33/2023/NĐ-CP); danh sách vị trí tiếp xúc Nhân dân "
    "do tỉnh quy định — mặc định, chưa đối chiếu"
)
POSITIONS = [
    "Công chức Văn phòng – Thống kê",
    "Công chức Địa chính – Xây dựng",
    "Công chức Tư pháp – Hộ tịch",
    "Công chức Văn hóa – Xã hội",
    "Công chức Bộ phận một cửa",
    "Cán bộ tiếp công dân",
]


def load(apps, schema_editor):
    grant_patterns(apps, PATTERNS)
    Position = apps.get_model("training", "CitizenFacingPosition")
    for name in POSITIONS:
        Position.objects.get_or_create(province=None, name=name, defaults={"basis": BASIS})


def unload(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("training", "0001_classes_attendance_positions"),
    ]

    operations = [migrations.RunPython(load, unload)]
