"""Record where the default deadlines were checked in 2026, in the notes administrators read.

Only notes still carrying the wording of migration 0002 are changed: an administrator's own
wording stays.
"""

from django.db import migrations

OLD_AMENDMENT = (
    "Luật số 136/2025/QH15 (thông qua ngày 10/12/2025, hiệu lực từ 01/7/2026) sửa đổi, bổ sung "
    "Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo. Chưa đối chiếu được thời hạn này với văn "
    "bản sau sửa đổi: nếu thời hạn thay đổi, đặt «hiệu lực đến» 30/6/2026 cho phiên bản này và "
    "nhập phiên bản mới có hiệu lực từ 01/7/2026."
)
NEW_AMENDMENT = (
    "Luật số 136/2025/QH15 (thông qua ngày 10/12/2025, hiệu lực từ 01/7/2026) sửa đổi, bổ sung "
    "Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo. Bài giới thiệu khi Luật được thông qua "
    "(kienthuc.net.vn, 10/12/2025: tiếp công dân trực tuyến, không ủy quyền cấp phó tiếp công "
    "dân, rút khiếu nại, tạm đình chỉ giải quyết, bảo vệ người tố cáo, cơ sở dữ liệu) không nêu "
    "thay đổi thời hạn nào; nguyên văn Luật chưa được đối chiếu. Nếu thời hạn thay đổi, đặt "
    "«hiệu lực đến» 30/6/2026 cho phiên bản này và nhập phiên bản mới có hiệu lực từ 01/7/2026."
)
OLD_ARTICLE_37 = "như thường được công bố; chưa đối chiếu nguyên văn Điều 37."
NEW_ARTICLE_37 = (
    "khớp với thủ tục «Giải quyết khiếu nại lần hai tại cấp tỉnh» do Thanh tra tỉnh Lào Cai "
    "công bố (thanhtra.laocai.gov.vn, căn cứ Luật Khiếu nại 2011 và Nghị định 124/2020/NĐ-CP); "
    "nguyên văn Điều 37 chưa được đối chiếu."
)

OLD_ARTICLE_9 = "Thời hiệu 90 ngày theo Điều 9 như thường được công bố; chưa đối chiếu nguyên văn Điều 9."
NEW_ARTICLE_9 = (
    "Thời hiệu 90 ngày: khớp với nguyên văn Điều 9 được trích trong bài «Thời hiệu khiếu nại theo "
    "quy định pháp luật» (khdlaw.vn)."
)
OLD_CIRCULAR_05 = "như thường được công bố; chưa đối chiếu nguyên văn và số điều."
NEW_CIRCULAR_05 = (
    "như đề bài giao; chưa đọc được nguyên văn và số điều. Lưu ý: thủ tục «Xử lý đơn tại cấp "
    "tỉnh» trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn, mã 315145) ghi «trong thời hạn 10 "
    "ngày, kể từ ngày nhận được đơn», không nói ngày làm việc; nếu văn bản gốc tính ngày thường, "
    "đổi đơn vị của quy định này."
)
REPLACEMENTS = [
    (OLD_AMENDMENT, NEW_AMENDMENT),
    (OLD_ARTICLE_37, NEW_ARTICLE_37),
    (OLD_ARTICLE_9, NEW_ARTICLE_9),
    (OLD_CIRCULAR_05, NEW_CIRCULAR_05),
]


def _rewrite(apps, replacements):
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    for rule in DeadlineRule.objects.all():
        note = rule.note
        for old, new in replacements:
            note = note.replace(old, new)
        if note != rule.note:
            rule.note = note
            rule.save(update_fields=["note"])


def forwards(apps, schema_editor):
    _rewrite(apps, REPLACEMENTS)


def backwards(apps, schema_editor):
    _rewrite(apps, [(new, old) for old, new in REPLACEMENTS])


class Migration(migrations.Migration):
    dependencies = [("petitions", "0009_lean_petition_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
