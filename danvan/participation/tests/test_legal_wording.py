"""The disclosure items and legal rules as the migrations leave them: the law's own words for
Điều 11 and Điều 46 of Luật 10/2022/QH15, and each figure cited to the article that fixes it."""

from __future__ import annotations

import pytest

from ..models import DisclosureItem, LegalRule

pytestmark = pytest.mark.django_db


def test_every_item_carries_the_words_of_its_khoan() -> None:
    items = {i.code: i for i in DisclosureItem.objects.all()}
    assert len([c for c in items if c.startswith("xa.")]) == 14
    assert len([c for c in items if c.startswith("cq.")]) == 12
    for item in items.values():
        assert item.wording, item.code
        assert "đối chiếu" not in item.title and "\u00ad" not in item.wording
        assert len(item.title) <= 300
    # Khoản 9 of Điều 11 is military service (it was paraphrased as complaints before).
    assert items["xa.9"].wording.startswith("Số lượng, đối tượng, tiêu chuẩn gọi nhập ngũ")
    assert items["xa.12"].wording == (
        "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác do chính quyền địa "
        "phương cấp xã trực tiếp thu"
    )
    assert items["xa.13"].wording.startswith("Các thủ tục hành chính, thủ tục giải quyết công việc")
    assert items["cq.10"].wording.endswith("quy định tại Điều 53 của Luật này")
    # The channel rules of Điều 13 stay as they were: permanent 4 and 13, radio 7–12.
    assert {c for c, i in items.items() if i.permanent} == {"xa.4", "xa.13"}
    assert {c for c, i in items.items() if i.radio_days} == {f"xa.{n}" for n in range(7, 13)}


def test_rules_cite_the_article_that_fixes_the_figure() -> None:
    basis = {r.code: r.basis for r in LegalRule.objects.filter(province=None)}
    assert basis["critique.min_days_before_submission"].endswith("Điều 36 khoản 1")
    assert "Điều 36 khoản 3" in basis["critique.answer_days"]
    assert "Điều 40 khoản 1 điểm c" in basis["board.answer_days"]
    assert "Điều 45 khoản 2 điểm c" in basis["board.answer_days"]
    assert "Nghị định 59/2023/NĐ-CP, Điều 14" in basis["board.plan_notice_working_days"]
    assert basis["decision.recognise_working_days"].endswith("Điều 21")
    assert "Điều 33–36" not in " ".join(basis.values())
