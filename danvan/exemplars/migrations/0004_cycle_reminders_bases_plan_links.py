"""Sơ kết and tổng kết are reminded and tracked as overdue; the bases say what was checked;
a model whose free-text «plan it serves» names exactly one plan number of its area gets the link
(the text is kept as the note either way)."""

from django.db import migrations

REMINDED = ("so-ket", "tong-ket")
CYCLE_BASIS = (
    "Chu kỳ sơ kết 2–3 năm, tổng kết 5 năm theo kế hoạch thực hiện phong trào thi đua «Dân vận "
    "khéo» của các tỉnh; chưa đối chiếu được văn bản của Ban Dân vận Trung ương quy định chu kỳ"
)
CYCLE_NOTES = {
    "so-ket": "Nhắc trước hạn; quá 3 năm kể từ khi bắt đầu hoặc lần sơ kết, tổng kết gần nhất "
    "là quá hạn.",
    "tong-ket": "Nhắc trước hạn; quá 5 năm kể từ khi bắt đầu hoặc lần tổng kết gần nhất là quá hạn.",
}
OLD_CRITERIA_BASIS = (
    "Hướng dẫn xây dựng mô hình «Dân vận khéo» (4 lĩnh vực; tiêu chí theo hướng dẫn của Ban "
    "Dân vận các tỉnh, ví dụ Quảng Ngãi) — chưa đối chiếu văn bản Ban Dân vận Trung ương"
)
CRITERIA_BASIS = (
    "Tiêu chí mô hình «Dân vận khéo» theo hướng dẫn của Ban Dân vận Tỉnh ủy Quảng Ngãi (đã đối "
    "chiếu bản đăng lại trên mạng, khớp 7 tiêu chí); văn bản của Ban Dân vận Trung ương chưa "
    "đối chiếu được"
)


def forward(apps, schema_editor):
    ReviewCycle = apps.get_model("exemplars", "ReviewCycle")
    for code in REMINDED:
        ReviewCycle.objects.filter(code=code).update(
            reminded=True, basis=CYCLE_BASIS, note=CYCLE_NOTES[code]
        )
    ReviewCycle.objects.filter(code="hang-nam").update(basis=CYCLE_BASIS)
    Criterion = apps.get_model("exemplars", "Criterion")
    Criterion.objects.filter(province__isnull=True, basis=OLD_CRITERIA_BASIS).update(
        basis=CRITERIA_BASIS
    )
    link_plans(apps)


def link_plans(apps):
    """Link a model to the one plan whose number its note names, among the plans owned in its
    unit's area or above it (the plans a unit implements); ambiguous or unknown: left as text."""
    Exemplar = apps.get_model("exemplars", "Exemplar")
    Plan = apps.get_model("plans", "Plan")
    plans = [(p.pk, p.number.strip().lower(), p.owner.path) for p in
             Plan.objects.exclude(number="").select_related("owner")]  # fmt: skip
    if not plans:
        return
    for exemplar in Exemplar.objects.filter(plan__isnull=True).exclude(serves="").select_related(
        "unit"
    ):
        text = exemplar.serves.lower()
        unit_path = exemplar.unit.path
        found = {
            pk for pk, number, owner_path in plans
            if number in text
            and (unit_path.startswith(owner_path) or owner_path.startswith(unit_path))
        }  # fmt: skip
        if len(found) == 1:
            Exemplar.objects.filter(pk=exemplar.pk).update(plan_id=found.pop())


def backward(apps, schema_editor):
    ReviewCycle = apps.get_model("exemplars", "ReviewCycle")
    ReviewCycle.objects.update(reminded=False)


class Migration(migrations.Migration):
    dependencies = [
        ("exemplars", "0003_review_reminders_plan_link"),
    ]

    operations = [migrations.RunPython(forward, backward)]
