"""What a citizen does with a tracking code: find the petition, rate the published answer."""

from __future__ import annotations

from django.db import transaction

from danvan.core.errors import UserError

from ..models import Petition


def find_by_tracking_code(code: str) -> Petition:
    code = (code or "").strip().upper()
    if len(code) == 8 and "-" not in code:
        code = f"{code[:4]}-{code[4:]}"
    petition = Petition.objects.filter(tracking_code=code).first()
    if petition is None:
        raise UserError(
            f"Không tìm thấy đơn có mã tra cứu «{code}». Kiểm tra lại mã trên giấy biên nhận."
        )
    return petition


@transaction.atomic
def rate_answer(code: str, rating: int, comment: str = "") -> Petition:
    """The citizen rates the published answer (1–5)."""
    petition = find_by_tracking_code(code)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not (petition.answer_published and petition.answer):
        raise UserError("Đơn chưa có câu trả lời được công khai để đánh giá.")
    if rating not in (1, 2, 3, 4, 5):
        raise UserError("Đánh giá từ 1 đến 5 sao.")
    petition.rating = rating
    petition.rating_comment = (comment or "").strip()[:2000]
    petition.save(update_fields=["rating", "rating_comment", "updated_at"])
    return petition
