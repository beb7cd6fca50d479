# ruff: noqa: E501  (tables of legal titles and demo sentences read best one row a line)
"""The legal facts loaded by migration ``0002_legal_rules`` (idempotent: rows an administrator
edited are kept, missing ones are created).

Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15: Điều 11 items 1–3 checked against a mirror of the
legal code (hethongphapluat.vn, 12/2026); the other titles are short paraphrases, to be checked
against the gazette by an administrator (the admin edits them).

Checked again 12/2026 (issue #14): the stored copies searched hold the official codification's
article *titles* of the law (Bộ pháp điển, đề mục 44.13 «Thực hiện dân chủ ở cơ sở», as mirrored in
the public repository diepxuan/diepxuan.github.io) but not the text of its clauses. The titles
confirm the articles this app cites — Điều 32 «Hội nghị trao đổi, đối thoại giữa Ủy ban nhân dân
cấp xã với Nhân dân», Điều 33 «Hội nghị định kỳ của cộng đồng dân cư», Điều 35 «Trách nhiệm trong
việc bảo đảm để Nhân dân thực hiện kiểm tra, giám sát», Điều 36 «Tổ chức Ban Thanh tra nhân dân ở
xã, phường, thị trấn», Điều 37 «Tiêu chuẩn thành viên…», Điều 39 «Hoạt động của Ban Thanh tra nhân
dân…». The wording of Điều 11 items 12–13 and of the Điều 46 items was found in no stored source:
they stay marked «cần đối chiếu công báo», for an administrator to correct in the admin.
"""

from __future__ import annotations

from typing import Any

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"

COMMUNE_ITEMS = [
    "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm của cấp xã và kết quả thực hiện",
    "Dự toán, quyết toán ngân sách, kế hoạch hoạt động tài chính của cấp xã và tình hình thực hiện",
    "Dự án, công trình đầu tư trên địa bàn; kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư; quy hoạch",
    "Nhiệm vụ, quyền hạn của cán bộ, công chức cấp xã trực tiếp giải quyết công việc của Nhân dân; thủ tục hành chính",
    "Việc quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ; các khoản huy động Nhân dân đóng góp",
    "Chủ trương, kế hoạch vay vốn cho Nhân dân phát triển sản xuất, giảm nghèo",
    "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính do cấp xã trực tiếp thu",
    "Danh sách đối tượng được hưởng chính sách hỗ trợ, bảo trợ xã hội; hộ nghèo, cận nghèo",
    "Kết quả giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh thuộc thẩm quyền cấp xã",
    "Kết quả thanh tra, kiểm tra; vụ việc tiêu cực, tham nhũng của cán bộ, công chức cấp xã",
    "Kết quả lấy ý kiến Nhân dân về những nội dung cấp xã đưa ra lấy ý kiến",
    "Nội dung khoản 12 Điều 11 (tên cần đối chiếu công báo)",
    "Nội dung khoản 13 Điều 11, công khai thường xuyên (tên cần đối chiếu công báo)",
    "Các nội dung khác theo quy định của pháp luật hoặc cấp xã thấy cần thiết",
]

AGENCY_ITEMS = [
    "Chủ trương, chính sách, pháp luật liên quan đến công việc của cơ quan, đơn vị",
    "Kế hoạch công tác hằng năm của cơ quan, đơn vị",
    "Dự toán, quyết toán kinh phí; việc quản lý, sử dụng tài sản",
    "Việc tuyển dụng, sử dụng, đào tạo, bổ nhiệm, điều động, luân chuyển cán bộ, công chức",
    "Chế độ, chính sách đối với cán bộ, công chức, viên chức, người lao động",
    "Kết quả thi đua, khen thưởng, kỷ luật",
    "Kê khai tài sản, thu nhập theo quy định",
    "Kết quả giải quyết khiếu nại, tố cáo trong cơ quan, đơn vị",
    "Kết quả thanh tra, kiểm tra, kiểm toán đối với cơ quan, đơn vị",
    "Nội quy, quy chế của cơ quan, đơn vị",
    "Kết quả tổ chức hội nghị cán bộ, công chức, viên chức",
    "Các nội dung khác theo quy định của pháp luật",
]


def disclosure_items() -> list[dict[str, Any]]:
    rows = []
    for number, title in enumerate(COMMUNE_ITEMS, start=1):
        permanent = number in (4, 13)  # Điều 13: posted permanently and kept up to date
        rows.append(
            {
                "code": f"xa.{number}",
                "scope": "commune",
                "number": number,
                "title": title,
                "posting_days": 0 if permanent or number == 14 else 30,
                "permanent": permanent,
                "radio_days": 3 if 7 <= number <= 12 else 0,
                "deadline_working_days": 5,
                "basis": f"{LAW}, khoản {number} Điều 11; Điều 12 khoản 3; Điều 13",
            }
        )
    for number, title in enumerate(AGENCY_ITEMS, start=1):
        rows.append(
            {
                "code": f"cq.{number}",
                "scope": "agency",
                "number": number,
                "title": title,
                "posting_days": 20,
                "permanent": False,
                "radio_days": 0,
                "deadline_working_days": 5,
                "basis": f"{LAW}, khoản {number} Điều 46; Điều 47; Điều 48",
            }
        )
    return rows


DECISION_MATTERS = [
    (1, "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng do Nhân dân đóng góp", "two_thirds", False),
    (2, "Việc thu, chi, quản lý các khoản đóng góp của Nhân dân và quỹ cộng đồng", "two_thirds", False),
    (3, "Nội dung hương ước, quy ước của thôn, tổ dân phố", "majority", False),
    (4, "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố", "majority", False),
    (5, "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng", "majority", False),
    (6, "Các công việc tự quản khác trong nội bộ cộng đồng dân cư", "majority", True),
]  # fmt: skip

LEGAL_RULES = [
    ("disclosure.deadline_working_days", 5, "Ngày làm việc từ khi quyết định đến khi công khai", f"{LAW}, Điều 12 khoản 3; Điều 47"),
    ("consultation.min_days", 20, "Số ngày tối thiểu lấy ý kiến Nhân dân kể từ khi công bố dự thảo", f"{LAW}, Điều 28"),
    ("decision.notice_days", 2, "Số ngày thông báo trước cuộc họp, phát phiếu biểu quyết", f"{LAW}, Điều 18"),
    ("decision.recognise_working_days", 5, "Ngày làm việc để Ủy ban nhân dân cấp xã công nhận kết quả", f"{LAW}, Điều 22"),
    ("decision.online_optin_percent", 50, "Tỷ lệ hộ phải đăng ký trước khi biểu quyết trực tuyến (trên)", "Nghị định 59/2023/NĐ-CP, Điều 5"),
    ("decision.initiative_percent", 10, "Tỷ lệ hộ tối thiểu đề xuất sáng kiến", f"{LAW}, Điều 16"),
    ("recommendation.answer_days", 15, "Số ngày trả lời kiến nghị giám sát (luật không quy định; mặc định như Ban Thanh tra nhân dân)", f"{LAW}, Điều 39 (tham chiếu); Luật MTTQ 2015 sửa đổi bởi Luật 97/2025/QH15"),
    ("supervision.report_days_before", 7, "Số ngày cơ quan được giám sát gửi báo cáo trước khi giám sát", "Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN"),
]  # fmt: skip


def load(apps: Any, schema_editor: Any = None) -> None:
    item_model = apps.get_model("participation", "DisclosureItem")
    for row in disclosure_items():
        item_model.objects.get_or_create(code=row["code"], defaults=row)
    matter_model = apps.get_model("participation", "DecisionMatter")
    for number, title, threshold, online in DECISION_MATTERS:
        matter_model.objects.get_or_create(
            number=number,
            defaults={
                "title": title,
                "threshold": threshold,
                "online_allowed": online,
                "basis": f"{LAW}, khoản {number} Điều 15; Điều 21"
                + ("; Điều 17" if online else ""),
            },
        )
    rule_model = apps.get_model("participation", "LegalRule")
    for code, value, label, basis in LEGAL_RULES:
        rule_model.objects.get_or_create(
            code=code, province=None, defaults={"value": value, "label": label, "basis": basis}
        )
