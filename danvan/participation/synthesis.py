"""The synthesis report of a consultation (bản tổng hợp, tiếp thu, giải trình ý kiến) as .docx,
laid out per Nghị định 30/2020/NĐ-CP through :mod:`danvan.outputs.nd30`: counts per paragraph
(comments, agree, disagree) and every published comment with its answer."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.outputs import nd30

from .models import AnswerKind, Comment, Consultation, Moderation, Stance, StanceKind


def _label(comment: Comment) -> str:
    if comment.paragraph is None:
        return "Toàn bộ dự thảo"
    return f"Đoạn {comment.paragraph.position}"


def build(consultation: Consultation, today: dt.date | None = None) -> bytes:
    day = today or timezone.localdate()
    if not consultation.is_closed(day):
        raise UserError(_("The synthesis is drawn up only after the period for comments is over."))
    unit = consultation.owner
    comments = list(
        Comment.objects.filter(consultation=consultation, status=Moderation.PUBLISHED)
        .select_related("paragraph")
        .order_by("paragraph__position", "created_at", "id")
    )
    stances = Counter(
        (s.target, s.stance) for s in Stance.objects.filter(consultation=consultation)
    )
    document = nd30.new_document()
    superior, agency = nd30.agency_lines(unit)
    nd30.add_header(
        document,
        superior=superior,
        agency=agency,
        number_line=f"Số:      /{nd30.symbol_of(unit, 'BC')}",
        place_date=nd30.date_line(nd30.place_of(unit), day),
    )
    nd30.add_title(
        document,
        "Báo cáo",
        f"Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân về dự thảo «{consultation.title}»",
    )
    opens, closes = consultation.opens_on, consultation.closes_on
    nd30.add_paragraph(
        document,
        f"Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, {unit.name} đã công khai dự "
        f"thảo để lấy ý kiến Nhân dân từ ngày {opens:%d/%m/%Y} đến ngày {closes:%d/%m/%Y}. "
        f"Tổng số ý kiến được tổng hợp: {len(comments)}.",
    )
    nd30.add_heading(document, "I. SỐ LƯỢNG Ý KIẾN THEO TỪNG PHẦN CỦA DỰ THẢO")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("Phần dự thảo", "Số ý kiến", "Tán thành", "Không tán thành"),
        strict=True,
    ):
        cell.text = text
    targets: list[tuple[str, str]] = [("all", "Toàn bộ dự thảo")]
    targets += [
        (f"p{p.pk}", f"Đoạn {p.position}")
        for p in consultation.paragraphs.filter(is_heading=False).order_by("position")
    ]
    per_target = Counter(f"p{c.paragraph_id}" if c.paragraph_id else "all" for c in comments)
    for key, label in targets:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = str(per_target.get(key, 0))
        cells[2].text = str(stances.get((key, StanceKind.AGREE), 0))
        cells[3].text = str(stances.get((key, StanceKind.DISAGREE), 0))
    nd30.add_heading(document, "II. Ý KIẾN VÀ VIỆC TIẾP THU, GIẢI TRÌNH")
    for number, comment in enumerate(comments, start=1):
        nd30.add_paragraph(document, f"{number}. {_label(comment)}: {comment.text}")
        if comment.merged_into_id:
            nd30.add_paragraph(
                document, f"(Gộp với ý kiến số {comment.merged_into_id})", italic=True
            )
        if comment.answer_kind:
            kind = AnswerKind(comment.answer_kind).label
            nd30.add_paragraph(document, f"Trả lời – {kind}: {comment.answer_text}", italic=True)
        else:
            nd30.add_paragraph(document, "Trả lời: chưa có.", italic=True)
    if consultation.decision_note:
        nd30.add_heading(document, "III. LÝ DO QUYẾT ĐỊNH KHÁC Ý KIẾN ĐA SỐ")
        nd30.add_paragraph(document, consultation.decision_note)
    nd30.add_recipients_and_signature(
        document,
        recipients=["Thường trực Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Lưu: VT"],
        authority=nd30.signing_authority(unit),
    )
    return nd30.to_bytes(document)
