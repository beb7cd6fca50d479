# ruff: noqa: E501  (rows of legal citations read best one a line)
"""Legal rules cite the article that fixes each figure, checked 12/2026 against the article texts
of the official codification (Bộ pháp điển: đề mục 44.13 for Luật 10/2022/QH15 and Nghị định
59/2023/NĐ-CP, đề mục 35.4 for Luật Mặt trận Tổ quốc Việt Nam 75/2015/QH13 as amended by Luật
97/2025/QH15):

- Luật MTTQ Điều 36 «Quyền và trách nhiệm của cơ quan, tổ chức chủ trì soạn thảo dự thảo văn bản
  được phản biện»: khoản 1 sends the draft «chậm nhất là 15 ngày trước khi trình», khoản 3
  answers in writing and explains what is not accepted; Điều 35 khoản 5 lets the Front require
  that written answer. (Điều 32–34 define social critique, its subjects and forms.) The Front's
  supervision (Điều 25–29) fixes no answering period: Điều 28 khoản 7, Điều 29 khoản 6.
- Luật 10/2022: the 15 days to answer a board are Điều 40 khoản 1 điểm c (People's Inspection
  Board) and Điều 45 khoản 2 điểm c (community investment supervision board), not Điều 39/44; the
  5 working days for an inspection plan are Nghị định 59/2023 Điều 14 khoản 1 điểm b; the
  minimum of 5 members is Điều 36 khoản 1 and Điều 41 khoản 1; recognising a community decision
  within 5 working days is Điều 21, not Điều 22; the 20 days of a consultation are Điều 28 khoản 2; the 2 days' notice of a village meeting is
  Nghị định 59/2023 Điều 3 khoản 3.

Only rows still carrying the citation seeded before are changed (an administrator's own text is
kept); reversing puts the old citation back on rows that carry the new one.
"""

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
FRONT = "Luật Mặt trận Tổ quốc Việt Nam 2015 (sửa đổi bởi Luật số 97/2025/QH15)"
ND59 = "Nghị định 59/2023/NĐ-CP"
CITATIONS = [
    ("critique.min_days_before_submission", f"{FRONT}, Điều 33–36", f"{FRONT}, Điều 36 khoản 1"),
    ("critique.answer_days", f"{FRONT}, Điều 36", f"{FRONT}, Điều 35 khoản 5; Điều 36 khoản 3 (không ấn định số ngày)"),
    ("recommendation.answer_days", f"{LAW}, Điều 39 (tham chiếu); Luật MTTQ 2015 sửa đổi bởi Luật 97/2025/QH15", f"{FRONT}, Điều 28 khoản 7; Điều 29 khoản 6 (không ấn định số ngày); mặc định theo {LAW}, Điều 40 khoản 1 điểm c"),
    ("board.answer_days", f"{LAW}, Điều 39; Điều 44", f"{LAW}, Điều 40 khoản 1 điểm c; Điều 45 khoản 2 điểm c"),
    ("board.plan_notice_working_days", f"{LAW}, Điều 39", f"{ND59}, Điều 14 khoản 1 điểm b; {LAW}, Điều 39 khoản 2"),
    ("board.min_members", f"{LAW}, Điều 37; Điều 42", f"{LAW}, Điều 36 khoản 1; Điều 41 khoản 1"),
    ("decision.recognise_working_days", f"{LAW}, Điều 22", f"{LAW}, Điều 21"),
    ("consultation.min_days", f"{LAW}, Điều 28", f"{LAW}, Điều 28 khoản 2"),
    ("decision.notice_days", f"{LAW}, Điều 18", f"{ND59}, Điều 3 khoản 3; {LAW}, Điều 18"),
]  # fmt: skip


def forward(apps, schema_editor):
    rule = apps.get_model("participation", "LegalRule")
    for code, old, new in CITATIONS:
        rule.objects.filter(code=code, basis=old).update(basis=new)


def backward(apps, schema_editor):
    rule = apps.get_model("participation", "LegalRule")
    for code, old, new in CITATIONS:
        rule.objects.filter(code=code, basis=new).update(basis=old)


class Migration(migrations.Migration):
    dependencies = [("participation", "0008_disclosure_items_wording_of_the_law")]

    operations = [migrations.RunPython(forward, backward)]
