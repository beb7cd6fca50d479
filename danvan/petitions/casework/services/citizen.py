"""What a citizen does with a tracking code: find the petition, rate the published answer."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.errors import UserError

from ..models import Petition


def find_by_tracking_code(code: str) -> Petition:
    code = (code or "").strip().upper()
    if len(code) == 8 and "-" not in code:
        code = f"{code[:4]}-{code[4:]}"
    petition = Petition.objects.filter(tracking_code=code).first()
    if petition is None:
        raise UserError(
            _("No petition has the tracking code «%(code)s». Check the code on the receipt.")
            % {"code": code}
        )
    return petition


@transaction.atomic
def rate_answer(code: str, rating: int, comment: str = "") -> Petition:
    """The citizen rates the published answer (1–5)."""
    petition = find_by_tracking_code(code)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not (petition.answer_published and petition.answer):
        raise UserError(_("The petition has no published answer to rate yet."))
    if rating not in (1, 2, 3, 4, 5):
        raise UserError(_("The rating is from 1 to 5 stars."))
    petition.rating = rating
    petition.rating_comment = (comment or "").strip()[:2000]
    petition.save(update_fields=["rating", "rating_comment", "updated_at"])
    return petition
