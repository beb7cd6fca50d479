"""Default petition topics (lĩnh vực) and the legal minimum of leaders' reception days.

Reception minimums: the commune chairman's "ít nhất 01 ngày trong 01 tuần" was checked against
the text of khoản 2 Điều 15 Luật Tiếp công dân 2013. The monthly minimum for the province
chairman and for heads of agencies follows the same law (Điều 18, 19 as numbered in the task);
the exact article numbering of those two could not be checked against the full text and is
marked so in the note, for an administrator to confirm.
"""

from django.db import migrations

TOPICS = [
    ("dat-dai", "Đất đai", "Giao đất, cho thuê đất, cấp giấy chứng nhận, tranh chấp đất đai."),
    (
        "boi-thuong-gpmb",
        "Bồi thường, hỗ trợ, tái định cư khi thu hồi đất (giải phóng mặt bằng)",
        "Giá bồi thường, hỗ trợ, bố trí tái định cư.",
    ),
    ("moi-truong", "Môi trường", "Ô nhiễm, rác thải, nước thải, khai thác khoáng sản."),
    (
        "chinh-sach-xa-hoi",
        "Chính sách xã hội",
        "Người có công, bảo trợ xã hội, hộ nghèo, bảo hiểm xã hội.",
    ),
    ("trat-tu-do-thi", "Trật tự đô thị, xây dựng", "Xây dựng trái phép, lấn chiếm lòng đường."),
    (
        "can-bo-cong-chuc",
        "Cán bộ, công chức",
        "Thái độ, trách nhiệm, vi phạm của cán bộ, công chức, viên chức.",
    ),
    ("ha-tang-giao-thong", "Hạ tầng, giao thông", "Đường giao thông, điện, nước sinh hoạt."),
    ("tai-chinh-ngan-sach", "Tài chính, ngân sách, đóng góp", "Thu, chi, huy động đóng góp."),
    ("tu-phap-ho-tich", "Tư pháp, hộ tịch", "Chứng thực, hộ tịch, thi hành án."),
    ("khac", "Khác", "Nội dung chưa thuộc các lĩnh vực trên."),
]

REQUIREMENTS = [
    (
        "commune_chairman",
        1,
        "weekly",
        "Điểm d khoản 2 Điều 15 Luật Tiếp công dân số 42/2013/QH13",
        "Đã đối chiếu nguyên văn: «ít nhất 01 ngày trong 01 tuần».",
    ),
    (
        "province_chairman",
        1,
        "monthly",
        "Luật Tiếp công dân số 42/2013/QH13 (Điều 18)",
        "Mức «ít nhất 01 ngày trong 01 tháng»; số điều chưa đối chiếu được với nguyên văn, "
        "quản trị viên cần xác nhận.",
    ),
    (
        "agency_head",
        1,
        "monthly",
        "Luật Tiếp công dân số 42/2013/QH13 (Điều 19)",
        "Mức «ít nhất 01 ngày trong 01 tháng»; số điều chưa đối chiếu được với nguyên văn, "
        "quản trị viên cần xác nhận.",
    ),
]


def load(apps, schema_editor):
    Topic = apps.get_model("petitions", "Topic")
    Requirement = apps.get_model("petitions", "ReceptionRequirement")
    for position, (code, name, description) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )
    for role, days, period, basis, note in REQUIREMENTS:
        Requirement.objects.update_or_create(
            host_role=role,
            defaults={"min_days": days, "period": period, "legal_basis": basis, "note": note},
        )


def unload(apps, schema_editor):
    apps.get_model("petitions", "Topic").objects.filter(code__in=[t[0] for t in TOPICS]).delete()
    apps.get_model("petitions", "ReceptionRequirement").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0004_petitions_reception")]
    operations = [migrations.RunPython(load, unload)]
