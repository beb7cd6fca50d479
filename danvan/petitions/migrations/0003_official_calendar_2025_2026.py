"""The official schedule of days off for civil servants (công chức, viên chức) in 2025 and 2026.

Weekdays off and the Saturdays worked in exchange (làm bù), each with its legal basis, so a fresh
install counts working days right without an administrator. Public holidays are also known to
the ``holidays`` package; recording them here keeps their legal basis and protects the count
from a package upgrade. Entries whose basis could not be fully verified say so in their note.
"""

import datetime as dt

from django.db import migrations

LABOUR_CODE = "Điều 112 Bộ luật Lao động số 45/2019/QH14"
NOTICE_2025 = (
    "Thông báo số 6150/TB-LĐTBXH năm 2024 của Bộ Lao động - Thương binh và Xã hội "
    "(nghỉ Tết Âm lịch, Quốc khánh 2025 đối với cán bộ, công chức, viên chức)"
)
NOTICE_2026 = (
    "Thông báo số 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ "
    "(nghỉ Tết Âm lịch, Quốc khánh 2026 đối với cán bộ, công chức, viên chức)"
)
NEW_YEAR_2026 = "Văn bản số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"
SWAP_2025_UNVERIFIED = (
    "Hoán đổi ngày làm việc dịp 30/4–1/5/2025 do Thủ tướng Chính phủ đồng ý "
    "(số hiệu văn bản chưa xác minh)"
)

TET_2025 = "Công chức nghỉ từ thứ Bảy 25/01 đến hết Chủ nhật 02/02/2025 (gồm nghỉ hằng tuần)."
TET_2026 = "Công chức nghỉ từ thứ Bảy 14/02 đến hết Chủ nhật 22/02/2026 (gồm nghỉ hằng tuần)."


def _day_off(day, name, basis, note=""):
    return {"day": day, "kind": "day_off", "name": name, "legal_basis": basis, "note": note}


def _working(day, name, basis, note=""):
    return {"day": day, "kind": "working_day", "name": name, "legal_basis": basis, "note": note}


D = dt.date
ENTRIES = [
    # --- 2025 ---
    _day_off(D(2025, 1, 1), "Tết Dương lịch", LABOUR_CODE),
    *[
        _day_off(D(2025, 1, d), "Tết Âm lịch Ất Tỵ", f"{LABOUR_CODE}; {NOTICE_2025}", TET_2025)
        for d in range(27, 32)
    ],
    _day_off(D(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", LABOUR_CODE),
    _working(
        D(2025, 4, 26),
        "Làm bù cho thứ Sáu 02/5/2025",
        SWAP_2025_UNVERIFIED,
        "Ngày này trùng với dữ liệu của gói holidays. Quản trị viên bổ sung số hiệu văn bản.",
    ),
    _day_off(D(2025, 4, 30), "Ngày Chiến thắng (30/4)", LABOUR_CODE),
    _day_off(D(2025, 5, 1), "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE),
    _day_off(
        D(2025, 5, 2),
        "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)",
        SWAP_2025_UNVERIFIED,
        "Ngày này trùng với dữ liệu của gói holidays. Quản trị viên bổ sung số hiệu văn bản.",
    ),
    _day_off(
        D(2025, 9, 1),
        "Quốc khánh (ngày liền kề 2/9)",
        f"{LABOUR_CODE}; {NOTICE_2025}",
        "Ngày liền kề 2/9 là thứ Hai 01/9/2025 như thường được công bố.",
    ),
    _day_off(D(2025, 9, 2), "Quốc khánh (2/9)", LABOUR_CODE),
    # --- 2026 ---
    _day_off(D(2026, 1, 1), "Tết Dương lịch", LABOUR_CODE),
    _day_off(
        D(2026, 1, 2),
        "Nghỉ hoán đổi Tết Dương lịch (làm bù thứ Bảy 10/01/2026)",
        NEW_YEAR_2026,
        "Công chức nghỉ từ thứ Năm 01/01 đến hết Chủ nhật 04/01/2026.",
    ),
    _working(D(2026, 1, 10), "Làm bù cho thứ Sáu 02/01/2026", NEW_YEAR_2026),
    *[
        _day_off(D(2026, 2, d), "Tết Âm lịch Bính Ngọ", f"{LABOUR_CODE}; {NOTICE_2026}", TET_2026)
        for d in range(16, 21)
    ],
    _day_off(
        D(2026, 4, 27),
        "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật 26/4/2026)",
        "Khoản 3 Điều 111 và Điều 112 Bộ luật Lao động số 45/2019/QH14",
        "Nghỉ bù vào ngày làm việc kế tiếp như thường được công bố; trùng với gói holidays.",
    ),
    _day_off(D(2026, 4, 30), "Ngày Chiến thắng (30/4)", LABOUR_CODE),
    _day_off(D(2026, 5, 1), "Ngày Quốc tế Lao động (1/5)", LABOUR_CODE),
    _working(D(2026, 8, 22), "Làm bù cho thứ Hai 31/8/2026", NOTICE_2026),
    _day_off(
        D(2026, 8, 31),
        "Nghỉ hoán đổi Quốc khánh (làm bù thứ Bảy 22/8/2026)",
        NOTICE_2026,
        "Công chức nghỉ từ thứ Bảy 29/8 đến hết thứ Tư 02/9/2026.",
    ),
    _day_off(D(2026, 9, 1), "Quốc khánh (ngày liền kề 2/9)", f"{LABOUR_CODE}; {NOTICE_2026}"),
    _day_off(D(2026, 9, 2), "Quốc khánh (2/9)", LABOUR_CODE),
    _day_off(
        D(2026, 11, 24),
        "Ngày Văn hóa Việt Nam",
        "Nghị quyết số 80-NQ/TW của Bộ Chính trị (chủ trương); Nghị quyết số 30/NQ-CP "
        "(giao sửa khoản 1 Điều 112 Bộ luật Lao động)",
        "CHƯA XÁC MINH có văn bản luật đã có hiệu lực cho nghỉ ngày này trong năm 2026. Gói "
        "holidays tính 24/11 là ngày nghỉ từ 2026 nên mục này giữ như vậy; nếu không phải ngày "
        "nghỉ, quản trị viên đổi loại thành «ngày làm việc».",
    ),
]


def load_calendar(apps, schema_editor):
    CalendarEntry = apps.get_model("petitions", "CalendarEntry")
    for data in ENTRIES:
        CalendarEntry.objects.update_or_create(
            day=data["day"], defaults={k: v for k, v in data.items() if k != "day"}
        )


def unload_calendar(apps, schema_editor):
    CalendarEntry = apps.get_model("petitions", "CalendarEntry")
    CalendarEntry.objects.filter(day__in=[data["day"] for data in ENTRIES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0002_default_deadline_rules"),
    ]

    operations = [migrations.RunPython(load_calendar, unload_calendar)]
