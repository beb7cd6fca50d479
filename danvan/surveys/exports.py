"""The .xlsx of a questionnaire: its index by aspect and question (each formula, with its
basis), and every raw answer (anonymous)."""

from __future__ import annotations

from django.utils import timezone

from danvan.outputs.xlsx import Workbook

from .index import compute
from .models import Answer, IndexFormula, Questionnaire


def questionnaire_xlsx(questionnaire: Questionnaire) -> bytes:
    book = Workbook()
    same = Questionnaire.objects.filter(owner=questionnaire.owner, year=questionnaire.year)
    for formula in IndexFormula.objects.all():
        result = compute(same, formula)
        sheet = book.sheet(formula.name)
        sheet.row([f"{questionnaire.owner.name} — {questionnaire.title}"], bold=True)
        sheet.row([f"Công thức: {formula.description}"])
        sheet.row([f"Căn cứ: {formula.basis}"])
        sheet.row([f"Số người trả lời: {result.respondents}"])
        sheet.row(["Chỉ số chung", result.overall])
        sheet.row()
        sheet.header(["Nhóm", "Câu hỏi", "Số người trả lời", "Chỉ số"])
        for aspect in result.aspects:
            sheet.row([aspect.label, "", None, aspect.value], bold=True)
            for q in aspect.questions:
                sheet.row([aspect.label, q.text, q.respondents, q.value])
        sheet.widths(30, 60, 16, 12)
    raw = book.sheet("Câu trả lời")
    raw.header(["Phiếu", "Thời gian", "Mã câu", "Câu hỏi", "Mức (1–5)", "Lựa chọn", "Ý kiến"])
    answers = (
        Answer.objects.filter(response__questionnaire__in=same)
        .select_related("response", "question")
        .order_by("response_id", "question__group__position", "question__position")
    )
    for a in answers.iterator(chunk_size=2000):
        raw.row(
            [
                a.response_id,
                timezone.localtime(a.response.submitted_at),
                a.question.code,
                a.question.text,
                a.scale,
                "; ".join(a.choices or []),
                a.text,
            ]
        )
    raw.widths(8, 18, 14, 50, 10, 30, 50)
    return book.to_bytes()
