from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
RULES = [
    ("board.answer_days", 15, "Số ngày trả lời kiến nghị của Ban Thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng", f"{LAW}, Điều 39; Điều 44"),
    ("board.min_members", 5, "Số thành viên tối thiểu của Ban Thanh tra nhân dân cấp xã, Ban giám sát đầu tư của cộng đồng", f"{LAW}, Điều 37; Điều 42"),
    ("agency_board.min_members", 3, "Số thành viên tối thiểu của Ban Thanh tra nhân dân ở cơ quan, đơn vị", f"{LAW}, Điều 60"),
    ("agency_board.max_members", 9, "Số thành viên tối đa của Ban Thanh tra nhân dân ở cơ quan, đơn vị", f"{LAW}, Điều 60"),
    ("agency_board.min_staff", 8, "Cơ quan có dưới số người này không thành lập Ban Thanh tra nhân dân", f"{LAW}, Điều 60"),
    ("agency_board.term_years", 2, "Nhiệm kỳ của Ban Thanh tra nhân dân ở cơ quan, đơn vị (năm)", f"{LAW}, Điều 60"),
]  # fmt: skip  # noqa: E501


def load(apps, schema_editor):
    rule = apps.get_model("participation", "LegalRule")
    for code, value, label, basis in RULES:
        rule.objects.get_or_create(
            code=code, province=None, defaults={"value": value, "label": label, "basis": basis}
        )


class Migration(migrations.Migration):
    dependencies = [("participation", "0003_peoples_boards_and_coordination")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
