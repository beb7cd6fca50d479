"""Default data cut-off windows of periodic reports, with their legal basis.

Nghị định 09/2019/NĐ-CP ngày 24/01/2019 (chế độ báo cáo của cơ quan hành chính nhà nước),
Điều 12 (thời gian chốt số liệu). Checked on 22/11/2026 against a published summary of the same
windows (luatvietnam.vn, "Phải nộp báo cáo định kỳ sau 01 ngày chốt số liệu", which restates
them for Thông tư 09/2019/TT-NHNN issued under the decree): monthly 15th of the previous month
to the 14th; quarterly 15th of the month before the quarter to the 14th of its last month;
6-month 15/12 of the previous year to 14/6 (second half 15/6 to 14/12); yearly 15/12 to 14/12.
The 9-month window (15/12 to 14/9) follows the decree as commonly cited; it was not in the
summary read. The due date (days after the cut-off) is not set by the decree: each regime sets
it; 0 here means due on the last day of data, and forms override it.
"""

from django.db import migrations

BASIS = "Điều 12 Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ"
SOURCE = (
    "https://luatvietnam.vn/tin-van-ban-moi/thoi-han-nop-bao-cao-dinh-ky-186-21960-article.html "
    "(tóm tắt công khai các mốc chốt số liệu; đối chiếu ngày 22/11/2026)"
)
RULES = [
    ("monthly", 15, "Từ ngày 15 tháng trước đến ngày 14 của tháng thuộc kỳ báo cáo.", True),
    (
        "quarterly",
        15,
        "Từ ngày 15 của tháng trước kỳ báo cáo đến ngày 14 của tháng cuối quý thuộc kỳ báo cáo.",
        True,
    ),
    (
        "semiannual",
        15,
        "6 tháng đầu năm: từ ngày 15/12 năm trước đến ngày 14/6; 6 tháng cuối năm: từ 15/6 đến 14/12.",
        True,
    ),
    (
        "nine_months",
        15,
        "Từ ngày 15/12 năm trước kỳ báo cáo đến ngày 14/9 của kỳ báo cáo. Mốc 9 tháng chưa đối chiếu "
        "được với nguồn đã đọc (chỉ nêu tháng, quý, 6 tháng, năm); ghi theo Điều 12 như thường được "
        "trích dẫn.",
        False,
    ),
    ("annual", 15, "Từ ngày 15/12 năm trước kỳ báo cáo đến ngày 14/12 của kỳ báo cáo.", True),
    ("ad_hoc", None, "Báo cáo đột xuất: thời gian do văn bản yêu cầu báo cáo quy định.", False),
]


def load(apps, schema_editor):
    PeriodRule = apps.get_model("reporting", "PeriodRule")
    for period_type, cutoff, note, checked in RULES:
        PeriodRule.objects.update_or_create(
            period_type=period_type,
            defaults={
                "cutoff_day": cutoff,
                "due_days": 0,
                "legal_basis": BASIS if period_type != "ad_hoc" else "Điều 4 Nghị định 09/2019/NĐ-CP",
                "source": SOURCE if checked else "",
                "note": note + " Hạn gửi báo cáo (số ngày sau ngày chốt) do từng biểu mẫu quy định.",
            },
        )


def unload(apps, schema_editor):
    apps.get_model("reporting", "PeriodRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_reporting_forms_submissions")]
    operations = [migrations.RunPython(load, unload)]
