"""Outputs of a round: the .xlsx of all points, and the appraisal minutes and the People's
Committee's decision as .docx laid out per Nghị định 30/2020/NĐ-CP (``outputs.nd30``)."""

from __future__ import annotations

from django.utils import timezone

from danvan.core.text import vn_number
from danvan.outputs import nd30
from danvan.outputs.xlsx import Workbook

from .models import Assessment, Scheme
from .reports import ranking, scores_by_assessment


def points_xlsx(scheme: Scheme, assessments: object) -> bytes:
    book = Workbook()
    ranked = ranking(scheme, assessments)  # type: ignore[arg-type]
    sheet = book.sheet("Xếp hạng")
    sheet.row([f"{scheme.title} năm {scheme.year}"], bold=True)
    sheet.row([f"Căn cứ: {scheme.basis}"])
    sheet.header(
        ["Hạng", "Đơn vị", "Điểm tiêu chí", "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Xếp loại"]
    )
    for r in ranked:
        o = r.outcome
        sheet.row(
            [
                r.position,
                r.assessment.unit.name,
                o.standard,
                o.bonus,
                o.penalty,
                o.total,
                o.band.name if o.band else "",
            ]
        )
    sheet.widths(8, 50, 14, 12, 12, 12, 14)
    points = book.sheet("Điểm từng tiêu chí")
    points.header(
        [
            "Đơn vị",
            "Mã",
            "Tiêu chí",
            "Điểm tối đa",
            "Số liệu",
            "Trên tổng số",
            "Điểm tính tự động",
            "Điểm tự chấm",
            "Minh chứng",
            "Điểm thẩm định",
            "Lý do",
            "Điểm tính",
        ]
    )
    per = scores_by_assessment(assessments.filter(scheme=scheme))  # type: ignore[attr-defined]
    for r in ranked:
        for s in sorted(
            per.get(r.assessment.pk, []),
            key=lambda s: (s.criterion.group.position, s.criterion.position),
        ):
            points.row(
                [
                    r.assessment.unit.name,
                    s.criterion.code,
                    s.criterion.title,
                    s.criterion.max_points,
                    s.figure,
                    s.figure_of,
                    s.computed_points,
                    s.self_points,
                    s.self_evidence,
                    s.appraised_points,
                    s.appraisal_reason,
                    s.points,
                ]
            )
    points.widths(40, 10, 50, 10, 10, 10, 12, 12, 40, 12, 40, 10)
    return book.to_bytes()


def _header(document: nd30.Draft, scheme: Scheme, doc_type: str) -> None:
    superior, agency = nd30.agency_lines(scheme.owner)
    symbol = nd30.symbol_of(scheme.owner, doc_type)
    nd30.add_header(
        document,
        superior=superior,
        agency=agency,
        number_line=f"Số: {scheme.decision_number or '…'}"
        if doc_type == "QĐ"
        else f"Số: …/{symbol}",
        place_date=nd30.date_line(nd30.place_of(scheme.owner), scheme.decided_on),
    )


def minutes_docx(scheme: Scheme, assessments: object) -> bytes:
    """Biên bản thẩm định: every point the team changed, with its reason, and the results."""
    doc = nd30.new_document()
    _header(doc, scheme, "BB")
    nd30.add_title(doc, "Biên bản", f"Thẩm định kết quả tự đánh giá, chấm điểm năm {scheme.year}")
    nd30.add_paragraph(
        doc,
        f"Căn cứ {scheme.basis}, Tổ thẩm định đã xem xét kết quả tự đánh giá, chấm điểm của các "
        f"đơn vị và thống nhất kết quả như sau:",
    )
    ranked = ranking(scheme, assessments)  # type: ignore[arg-type]
    per = scores_by_assessment(assessments.filter(scheme=scheme))  # type: ignore[attr-defined]
    for n, r in enumerate(ranked, start=1):
        a = r.assessment
        nd30.add_heading(doc, f"{n}. {a.unit.name}")
        changed = [
            s
            for s in per.get(a.pk, [])
            if s.appraised_points is not None
            and (
                s.appraised_points
                != (s.self_points if s.self_points is not None else s.computed_points)
            )
        ]
        if not changed:
            nd30.add_paragraph(doc, "- Thống nhất với kết quả tự chấm của đơn vị.")
        for s in changed:
            before = s.self_points if s.self_points is not None else s.computed_points
            nd30.add_paragraph(
                doc,
                f"- Tiêu chí {s.criterion.code} ({s.criterion.title}): đơn vị tự chấm "
                f"{vn_number(before) if before is not None else 'chưa chấm'}, thẩm định "
                f"{vn_number(s.appraised_points or 0)} điểm. Lý do: {s.appraisal_reason}",
            )
        band = r.outcome.band.name if r.outcome.band else ""
        nd30.add_paragraph(
            doc, f"Tổng điểm sau thẩm định: {vn_number(r.outcome.total)}; đề nghị xếp loại: {band}."
        )
    nd30.add_recipients_and_signature(
        doc,
        recipients=["Các đơn vị được đánh giá", "Lưu: VT"],
        authority=["TM. TỔ THẨM ĐỊNH", "TỔ TRƯỞNG"],
    )
    return nd30.to_bytes(doc)


def decision_docx(scheme: Scheme, assessments: object) -> bytes:
    """Quyết định công nhận kết quả đánh giá, xếp loại, with the list of units by band."""
    doc = nd30.new_document()
    _header(doc, scheme, "QĐ")
    nd30.add_title(
        doc, "Quyết định", f"Về việc công nhận kết quả đánh giá, xếp loại năm {scheme.year}"
    )
    nd30.add_paragraph(doc, f"Căn cứ {scheme.basis};", italic=True)
    nd30.add_paragraph(doc, "Xét đề nghị của Tổ thẩm định,", italic=True)
    nd30.add_heading(doc, "QUYẾT ĐỊNH:")
    ranked = ranking(scheme, assessments)  # type: ignore[arg-type]
    nd30.add_paragraph(
        doc,
        f"Điều 1. Công nhận kết quả đánh giá, xếp loại năm {scheme.year} của "
        f"{len(ranked)} đơn vị như sau:",
    )
    for r in ranked:
        band = r.outcome.band.name if r.outcome.band else ""
        nd30.add_paragraph(
            doc,
            f"{r.position}. {r.assessment.unit.name}: {vn_number(r.outcome.total)} điểm, "
            f"xếp loại {band}.",
        )
    nd30.add_paragraph(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    nd30.add_paragraph(
        doc,
        "Điều 3. Thủ trưởng các đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    )
    nd30.add_recipients_and_signature(
        doc,
        recipients=["Như Điều 3", "Lưu: VT"],
        authority=nd30.signing_authority(scheme.owner),
    )
    return nd30.to_bytes(doc)


def generated_on() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


__all__ = ["Assessment", "decision_docx", "minutes_docx", "points_xlsx"]
