"""The default legal deadlines, each with its legal basis and how far it was checked.

The figures were checked against published texts of the laws where one could be read (noted
per rule); otherwise the note says the figure follows the cited article as commonly published.
Administrators edit them in the Django admin and add new versions when a law changes them.
"""

import datetime as dt

from django.db import migrations

AMENDMENT_NOTE = (
    "Luật số 136/2025/QH15 (thông qua ngày 10/12/2025, hiệu lực từ 01/7/2026) sửa đổi, bổ sung "
    "Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo. Chưa đối chiếu được thời hạn này với văn "
    "bản sau sửa đổi: nếu thời hạn thay đổi, đặt «hiệu lực đến» 30/6/2026 cho phiên bản này và "
    "nhập phiên bản mới có hiệu lực từ 01/7/2026."
)
COMPLAINT_LAW_IN_FORCE = dt.date(2012, 7, 1)  # Luật Khiếu nại 02/2011/QH13
DENUNCIATION_LAW_IN_FORCE = dt.date(2019, 1, 1)  # Luật Tố cáo 25/2018/QH14
CIRCULAR_05_2021_IN_FORCE = dt.date(2021, 11, 15)  # Thông tư 05/2021/TT-TTCP

RULES = [
    {
        "rule_id": "complaint.filing_limit",
        "name": "Thời hiệu khiếu nại",
        "start_event": "Ngày nhận được hoặc biết được quyết định hành chính, hành vi hành chính",
        "duration": 90,
        "unit": "calendar_day",
        "legal_basis": "Điều 9 Luật Khiếu nại số 02/2011/QH13",
        "effective_from": COMPLAINT_LAW_IN_FORCE,
        "note": (
            "Thời hiệu 90 ngày theo Điều 9 như thường được công bố; chưa đối chiếu nguyên văn "
            "Điều 9. Thời gian người khiếu nại không thực hiện được quyền khiếu nại vì trở ngại "
            "khách quan (ốm đau, thiên tai, địch họa, đi công tác, học tập ở nơi xa…) không tính "
            "vào thời hiệu: cán bộ cộng thêm khi áp dụng. " + AMENDMENT_NOTE
        ),
    },
    {
        "rule_id": "complaint.accept",
        "name": "Thụ lý giải quyết khiếu nại lần đầu",
        "start_event": "Ngày nhận được khiếu nại thuộc thẩm quyền",
        "duration": 10,
        "unit": "calendar_day",
        "legal_basis": "Điều 27 Luật Khiếu nại số 02/2011/QH13",
        "effective_from": COMPLAINT_LAW_IN_FORCE,
        "note": (
            "Đã đối chiếu nội dung Điều 27 qua bản đăng tải công khai: 10 ngày (ngày lịch) kể "
            "từ ngày nhận được khiếu nại thuộc thẩm quyền. " + AMENDMENT_NOTE
        ),
    },
    {
        "rule_id": "complaint.first",
        "name": "Giải quyết khiếu nại lần đầu",
        "start_event": "Ngày thụ lý khiếu nại",
        "duration": 30,
        "unit": "calendar_day",
        "complex_duration": 45,
        "remote_duration": 45,
        "remote_complex_duration": 60,
        "legal_basis": "Điều 28 Luật Khiếu nại số 02/2011/QH13",
        "effective_from": COMPLAINT_LAW_IN_FORCE,
        "note": (
            "Đã đối chiếu nội dung Điều 28 qua bản đăng tải công khai: không quá 30 ngày kể từ "
            "ngày thụ lý, vụ việc phức tạp không quá 45 ngày; vùng sâu, vùng xa đi lại khó khăn "
            "không quá 45 ngày, vụ việc phức tạp không quá 60 ngày. " + AMENDMENT_NOTE
        ),
    },
    {
        "rule_id": "complaint.second",
        "name": "Giải quyết khiếu nại lần hai",
        "start_event": "Ngày thụ lý khiếu nại lần hai",
        "duration": 45,
        "unit": "calendar_day",
        "complex_duration": 60,
        "remote_duration": 60,
        "remote_complex_duration": 70,
        "legal_basis": "Điều 37 Luật Khiếu nại số 02/2011/QH13",
        "effective_from": COMPLAINT_LAW_IN_FORCE,
        "note": (
            "Thời hạn 45 ngày (phức tạp 60), vùng sâu, vùng xa 60 ngày (phức tạp 70) theo Điều 37 "
            "như thường được công bố; chưa đối chiếu nguyên văn Điều 37. " + AMENDMENT_NOTE
        ),
    },
    {
        "rule_id": "denunciation.resolve",
        "name": "Giải quyết tố cáo",
        "start_event": "Ngày thụ lý tố cáo",
        "duration": 30,
        "unit": "calendar_day",
        "extension_days": 30,
        "max_extensions": 2,
        "legal_basis": "Điều 30 Luật Tố cáo số 25/2018/QH14",
        "effective_from": DENUNCIATION_LAW_IN_FORCE,
        "note": (
            "Đã đối chiếu nội dung Điều 30 qua bản đăng tải công khai: không quá 30 ngày kể từ "
            "ngày thụ lý; vụ việc phức tạp gia hạn một lần, vụ việc đặc biệt phức tạp gia hạn "
            "hai lần, mỗi lần không quá 30 ngày, bằng văn bản của người giải quyết tố cáo. "
            + AMENDMENT_NOTE
        ),
    },
    {
        "rule_id": "petition.handle",
        "name": "Phân loại, xử lý đơn (khiếu nại, tố cáo, kiến nghị, phản ánh)",
        "start_event": "Ngày nhận được đơn",
        "duration": 10,
        "unit": "working_day",
        "legal_basis": "Thông tư số 05/2021/TT-TTCP ngày 01/10/2021 của Thanh tra Chính phủ",
        "effective_from": CIRCULAR_05_2021_IN_FORCE,
        "note": (
            "10 ngày làm việc kể từ ngày nhận được đơn theo Thông tư 05/2021/TT-TTCP (hiệu lực "
            "15/11/2021) như thường được công bố; chưa đối chiếu nguyên văn và số điều. Kiểm tra "
            "văn bản hướng dẫn Luật số 136/2025/QH15 có thay thế Thông tư này không."
        ),
    },
]


def load_rules(apps, schema_editor):
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    for data in RULES:
        DeadlineRule.objects.update_or_create(
            rule_id=data["rule_id"],
            effective_from=data["effective_from"],
            defaults={k: v for k, v in data.items() if k not in {"rule_id", "effective_from"}},
        )


def unload_rules(apps, schema_editor):
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    for data in RULES:
        DeadlineRule.objects.filter(
            rule_id=data["rule_id"], effective_from=data["effective_from"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0001_deadlines"),
    ]

    operations = [migrations.RunPython(load_rules, unload_rules)]
