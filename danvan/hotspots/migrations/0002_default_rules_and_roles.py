"""Default hotspot rules (national data, editable by superusers) and who may use the app.

The thresholds are not fixed by law: they are the administration's working definition of a
candidate hotspot (điểm nóng tiềm ẩn), to be tuned per province. The basis quoted is what makes
leaders responsible for acting on such matters. Checked 11/2026 in press reports of the texts
(not against the official gazette): Quy định 11-QĐi/TW ngày 18/2/2019 (amended by Kết luận
215-KL/TW, 11/2025) requires the head of a party committee to receive citizens without delay
"khi phát sinh khiếu nại, tố cáo đông người, phức tạp" or matters that may have serious
consequences; Luật Tiếp công dân 2013 has the reception of many people with one content.
"""

from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

BASIS_11 = (
    "Quy định số 11-QĐi/TW ngày 18/2/2019 của Bộ Chính trị (sửa đổi bởi Kết luận 215-KL/TW, "
    "11/2025): người đứng đầu cấp ủy tổ chức tiếp dân đột xuất khi phát sinh khiếu nại, tố cáo "
    "đông người, phức tạp, kéo dài hoặc có thể gây hậu quả nghiêm trọng."
)
NOTE = (
    " Ngưỡng là quy ước nghiệp vụ của hệ thống, không do văn bản pháp luật quy định; quản trị "
    "viên điều chỉnh theo thực tế địa phương. Căn cứ được đối chiếu qua báo chí đăng tải nội "
    "dung văn bản (11/2026), chưa đối chiếu với Công báo."
)

RULES = [
    {
        "code": "nhieu-don-30-ngay",
        "name": "Nhiều đơn, thông tin dư luận cùng địa bàn, cùng lĩnh vực trong 30 ngày",
        "kind": "volume",
        "threshold": 5,
        "window_days": 30,
        "count_petitions": True,
        "count_signals": True,
        "position": 10,
        "description": (
            "Gắn cờ một xã, phường × lĩnh vực khi có từ 5 đơn thư và thông tin dư luận trở lên "
            "trong 30 ngày gần nhất."
        ),
        "basis": BASIS_11 + NOTE,
    },
    {
        "code": "don-dong-nguoi",
        "name": "Đơn, vụ việc đông người",
        "kind": "crowded",
        "threshold": 1,
        "window_days": 90,
        "count_petitions": True,
        "count_signals": False,
        "position": 20,
        "description": (
            "Gắn cờ khi có đơn, vụ việc đông người (từ 5 người trở lên) tiếp nhận trong 90 ngày."
        ),
        "basis": BASIS_11
        + " Luật Tiếp công dân số 42/2013/QH13: tiếp nhiều người cùng khiếu nại, tố cáo, kiến "
        "nghị, phản ánh về một nội dung."
        + NOTE,
    },
    {
        "code": "vuot-cap",
        "name": "Vụ việc vượt cấp",
        "kind": "escalated",
        "threshold": 1,
        "window_days": 90,
        "count_petitions": True,
        "count_signals": False,
        "position": 30,
        "description": "Gắn cờ khi có đơn gửi vượt cấp lên cấp trên trong 90 ngày.",
        "basis": BASIS_11 + NOTE,
    },
]

# Leaders and dân vận officers log signals and confirm hotspots; everyone else reads.
PATTERNS = {"leader": ["hotspots.*"], "officer": ["hotspots.*"]}


def load(apps, schema_editor):
    Rule = apps.get_model("hotspots", "HotspotRule")
    for data in RULES:
        # Administrators may have tuned a rule: only create the missing ones.
        Rule.objects.get_or_create(code=data["code"], defaults=data)
    grant_patterns(apps, PATTERNS)


def unload(apps, schema_editor):
    apps.get_model("hotspots", "HotspotRule").objects.filter(
        code__in=[r["code"] for r in RULES]
    ).delete()
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("hotspots", "0001_opinion_signals_hotspots"),
    ]

    operations = [migrations.RunPython(load, unload)]
