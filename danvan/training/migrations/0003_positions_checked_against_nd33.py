"""The default citizen-facing positions checked against Nghị định 33/2023/NĐ-CP (10/6/2023, in
force 1/8/2023; its list of commune civil-servant titles read in published copies, not the
gazette): the land-administration title is named as the decree names it (one name for wards and
townships, one for communes), the short name of Nghị định 114/2003 is kept for officials whose
records still carry it, and the two positions that are not decree titles (one-stop desk,
citizen reception) say so in their basis."""

from django.db import migrations

ND33 = (
    "Chức danh công chức cấp xã theo Nghị định 33/2023/NĐ-CP ngày 10/6/2023 "
    "(đã đối chiếu bản đăng lại, chưa đối chiếu Công báo); tỉnh quyết định vị trí nào tiếp xúc "
    "Nhân dân"
)
OLD_NAME = (
    "Tên chức danh cũ (Nghị định 114/2003/NĐ-CP), giữ để khớp hồ sơ cán bộ chưa cập nhật; "
    "Nghị định 33/2023/NĐ-CP gọi là Địa chính - nông nghiệp/đô thị - xây dựng và môi trường"
)
NOT_A_TITLE = (
    "Không phải chức danh công chức theo Nghị định 33/2023/NĐ-CP mà là vị trí làm việc trực "
    "tiếp với Nhân dân; mặc định, tỉnh quyết định danh sách của mình"
)
BASES = {
    "Công chức Văn phòng – Thống kê": ND33,
    "Công chức Tư pháp – Hộ tịch": ND33,
    "Công chức Văn hóa – Xã hội": ND33,
    "Công chức Địa chính – Xây dựng": OLD_NAME,
    "Công chức Bộ phận một cửa": NOT_A_TITLE,
    "Cán bộ tiếp công dân": NOT_A_TITLE,
}
ADDED = [
    "Công chức Địa chính – Nông nghiệp – Xây dựng và Môi trường",  # xã
    "Công chức Địa chính – Xây dựng – Đô thị và Môi trường",  # phường, thị trấn
]


def forward(apps, schema_editor):
    Position = apps.get_model("training", "CitizenFacingPosition")
    for name, basis in BASES.items():
        Position.objects.filter(province__isnull=True, name=name).update(basis=basis)
    for name in ADDED:
        Position.objects.get_or_create(province=None, name=name, defaults={"basis": ND33})


def backward(apps, schema_editor):
    Position = apps.get_model("training", "CitizenFacingPosition")
    Position.objects.filter(province__isnull=True, name__in=ADDED).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0002_roles_positions")]

    operations = [migrations.RunPython(forward, backward)]
