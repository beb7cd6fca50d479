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
    _rewrite(apps, [(OLD_AMENDMENT, NEW_AMENDMENT), (OLD_ARTICLE_37, NEW_ARTICLE_37)])


def backwards(apps, schema_editor):
    _rewrite(apps, [(NEW_AMENDMENT, OLD_AMENDMENT), (NEW_ARTICLE_37, OLD_ARTICLE_37)])


class Migration(migrations.Migration):
    dependencies = [("petitions", "0009_lean_petition_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
