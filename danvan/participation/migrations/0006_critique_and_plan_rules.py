from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
FRONT = "Luật Mặt trận Tổ quốc Việt Nam 2015 (sửa đổi bởi Luật số 97/2025/QH15)"
RULES = [
    ("critique.min_days_before_submission", 15, "Số ngày tối thiểu cơ quan soạn thảo gửi dự thảo cho Mặt trận phản biện trước khi trình", f"{FRONT}, Điều 33–36"),
    ("critique.answer_days", 15, "Số ngày trả lời bằng văn bản ý kiến phản biện xã hội (luật không ấn định số ngày; mặc định như kiến nghị giám sát, tỉnh có thể đặt riêng)", f"{FRONT}, Điều 36"),
    ("board.plan_notice_working_days", 5, "Số ngày làm việc Ban Thanh tra nhân dân gửi kế hoạch kiểm tra, giám sát cho Ủy ban nhân dân cấp xã trước khi thực hiện", f"{LAW}, Điều 39"),
]  # fmt: skip  # noqa: E501

# The Front's supervisors send social critiques as they send supervision recommendations.
PATTERNS = {"front_supervisor": ["participation.add_socialcritique"]}


def load(apps, schema_editor):
    rule = apps.get_model("participation", "LegalRule")
    for code, value, label, basis in RULES:
        rule.objects.get_or_create(
            code=code, province=None, defaults={"value": value, "label": label, "basis": basis}
        )
    grant_patterns(apps, PATTERNS)


def unload(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("participation", "0005_social_critique_inspection_plans_terms_year_end_meetings"),
    ]

    operations = [migrations.RunPython(load, unload)]
