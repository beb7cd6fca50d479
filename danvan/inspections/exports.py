"""The inspection conclusion (kết luận kiểm tra) as a .docx laid out per Nghị định 30/2020."""

from __future__ import annotations

from danvan.outputs import nd30

from .models import InspectionRound


def conclusion_docx(round_: InspectionRound) -> bytes:
    owner = round_.plan.owner
    doc = nd30.new_document()
    superior, agency = nd30.agency_lines(owner)
    nd30.add_header(
        doc,
        superior=superior,
        agency=agency,
        number_line=f"Số: …/{nd30.symbol_of(owner, 'KL')}",
        place_date=nd30.date_line(nd30.place_of(owner), round_.concluded_on),
    )
    units = list(round_.units.order_by("path"))
    nd30.add_title(doc, "Kết luận", f"Kiểm tra {round_.title[:1].lower()}{round_.title[1:]}")
    nd30.add_paragraph(
        doc,
        f"Thực hiện {round_.plan.title} năm {round_.plan.year}, từ ngày "
        f"{round_.starts_on:%d/%m/%Y} đến ngày {round_.ends_on:%d/%m/%Y}, Đoàn kiểm tra đã kiểm "
        f"tra tại: {', '.join(u.name for u in units)}.",
    )
    team = list(round_.team.all())
    if team:
        nd30.add_heading(doc, "I. THÀNH PHẦN ĐOÀN KIỂM TRA")
        for member in team:
            role = f", {member.role}" if member.role else ""
            nd30.add_paragraph(doc, f"- {member.name} ({member.body}){role}")
    nd30.add_heading(doc, "II. KẾT LUẬN")
    for line in (round_.conclusion or "(chưa ghi nội dung kết luận)").splitlines():
        if line.strip():
            nd30.add_paragraph(doc, line.strip())
    findings = list(round_.findings.select_related("responsible_unit").order_by("due_on", "pk"))
    nd30.add_heading(doc, "III. KIẾN NGHỊ VÀ THỜI HẠN KHẮC PHỤC")
    for n, f in enumerate(findings, start=1):
        nd30.add_paragraph(
            doc,
            f"{n}. {f.finding} Kiến nghị: {f.recommendation} Đơn vị thực hiện: "
            f"{f.responsible_unit.name}; thời hạn: trước ngày {f.due_on:%d/%m/%Y}.",
        )
    if not findings:
        nd30.add_paragraph(doc, "Không có kiến nghị.")
    nd30.add_paragraph(
        doc,
        "Các đơn vị được kiểm tra báo cáo kết quả khắc phục theo thời hạn nêu trên.",
    )
    nd30.add_recipients_and_signature(
        doc,
        recipients=[*(f"{u.short_name or u.name};" for u in units), "Lưu: VT."],
        authority=nd30.signing_authority(owner),
    )
    return nd30.to_bytes(doc)
