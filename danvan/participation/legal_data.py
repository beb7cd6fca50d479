# ruff: noqa: E501  (tables of legal titles and demo sentences read best one row a line)
"""The legal facts loaded by migration ``0002_legal_rules`` (idempotent: rows an administrator
edited are kept, missing ones are created).

Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, read 12/2026 in the official codification (Bộ pháp
điển, đề mục 44.13 «Thực hiện dân chủ ở cơ sở», the article texts as mirrored in the public
repository diepxuan/diepxuan.github.io, van-ban/xay-dung-phap-luat-va-thi-hanh-phap-luat/
thuc-hien-dan-chu-o-co-so.md). The titles below are short labels of Điều 11 khoản 1–14 and Điều 46
khoản 1–12; migration ``0008_disclosure_items_wording_of_the_law`` stores each khoản's own words
beside its title (``DisclosureItem.wording``). The channel rules follow Điều 13: posted at least 30
consecutive days for khoản 1, 2, 3, 5–12 (k2), permanently and updated for khoản 4 and 13 (k2), on
the commune radio at least 3 consecutive days for khoản 7–12 (k3); agencies at least 20 consecutive
days (Điều 48 k1–2); disclosure within 5 working days of the decision (Điều 12 k3; Điều 47 k2).
"""

from __future__ import annotations

from typing import Any

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"

COMMUNE_ITEMS = [
    "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm của cấp xã và kết quả thực hiện",
    "Dự toán, tình hình thực hiện, quyết toán ngân sách và kế hoạch hoạt động tài chính của cấp xã; kết quả thực hiện kiến nghị của Kiểm toán nhà nước",
    "Dự án, công trình đầu tư trên địa bàn cấp xã và tiến độ; kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư; quỹ đất do cấp xã quản lý; quy hoạch xây dựng",
    "Quy chế thực hiện dân chủ ở xã, phường, thị trấn; nhiệm vụ, quyền hạn của cán bộ, công chức, người hoạt động không chuyên trách; quy tắc ứng xử",
    "Việc quản lý và sử dụng các loại quỹ, khoản đầu tư, tài trợ theo chương trình, dự án đối với địa bàn cấp xã; các khoản huy động Nhân dân đóng góp",
    "Tình hình đầu tư xây dựng, mua sắm, sử dụng, xử lý tài sản công do cấp xã quản lý; khai thác nguồn lực tài chính từ tài sản công",
    "Chính sách hỗ trợ, trợ cấp, tín dụng thực hiện chương trình mục tiêu quốc gia, phát triển sản xuất, nhà ở, bảo hiểm y tế, an sinh xã hội: tiêu chí, đối tượng, bình xét, kết quả",
    "Phân phối các khoản hỗ trợ từ ngân sách nhà nước khắc phục thiên tai, dịch bệnh, sự cố, thảm họa, hỗ trợ bệnh nhân mắc bệnh hiểm nghèo; các nguồn đóng góp, quyên góp tự nguyện",
    "Số lượng, đối tượng, tiêu chuẩn gọi nhập ngũ; danh sách công dân đủ điều kiện, được gọi, tạm hoãn, miễn gọi nhập ngũ và thực hiện nghĩa vụ tham gia Công an nhân dân",
    "Kết quả thanh tra, kiểm tra, giải quyết vụ việc tham nhũng, tiêu cực, vi phạm kỷ luật của cán bộ, công chức cấp xã; kết quả lấy phiếu, bỏ phiếu tín nhiệm",
    "Kế hoạch lấy ý kiến Nhân dân, nội dung lấy ý kiến, kết quả tổng hợp ý kiến và giải trình, tiếp thu ý kiến của Nhân dân (Điều 25)",
    "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác do chính quyền địa phương cấp xã trực tiếp thu",
    "Các thủ tục hành chính, thủ tục giải quyết công việc liên quan đến tổ chức, cá nhân do chính quyền địa phương cấp xã trực tiếp thực hiện",
    "Nội dung khác theo quy định của pháp luật và quy chế thực hiện dân chủ ở xã, phường, thị trấn",
]

AGENCY_ITEMS = [
    "Chủ trương, chính sách của Đảng và pháp luật của Nhà nước liên quan đến tổ chức và hoạt động của cơ quan, đơn vị",
    "Kế hoạch công tác hằng năm, hằng quý, hằng tháng của cơ quan, đơn vị",
    "Dự toán, tình hình thực hiện và quyết toán ngân sách của cơ quan, đơn vị; các nguồn tài chính khác; kết quả thực hiện kiến nghị của Kiểm toán nhà nước",
    "Tiêu chuẩn, định mức, thủ tục hành chính về tài sản công; tình hình đầu tư, mua sắm, sử dụng, xử lý và khai thác nguồn lực tài chính từ tài sản công",
    "Đầu tư công của cơ quan, đơn vị: nguyên tắc, tiêu chí phân bổ vốn, kế hoạch, danh mục dự án, tiến độ, giải ngân, nghiệm thu, quyết toán",
    "Tuyển dụng, đào tạo, bổ nhiệm, điều động, luân chuyển, đánh giá, chế độ, khen thưởng, kỷ luật cán bộ, công chức, viên chức, người lao động; đề án, văn bản của cơ quan, đơn vị",
    "Kết luận của cấp có thẩm quyền về vụ việc tiêu cực, tham nhũng, lãng phí trong cơ quan, đơn vị; bản kê khai tài sản, thu nhập",
    "Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo, kiến nghị trong nội bộ cơ quan, đơn vị",
    "Nội quy, quy chế, quy định của cơ quan, đơn vị; quy tắc ứng xử của người có chức vụ, quyền hạn trong cơ quan, đơn vị",
    "Kết quả tổng hợp ý kiến và giải trình, tiếp thu ý kiến của cán bộ, công chức, viên chức, người lao động (Điều 53)",
    "Văn bản chỉ đạo, điều hành của cơ quan quản lý cấp trên liên quan đến hoạt động của cơ quan, đơn vị",
    "Nội dung khác theo quy định của pháp luật và quy chế thực hiện dân chủ của cơ quan, đơn vị",
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
    ("consultation.min_days", 20, "Số ngày tối thiểu lấy ý kiến Nhân dân kể từ khi công bố dự thảo", f"{LAW}, Điều 28 khoản 2"),
    ("decision.notice_days", 2, "Số ngày thông báo trước cuộc họp, phát phiếu biểu quyết", f"Nghị định 59/2023/NĐ-CP, Điều 3 khoản 3; {LAW}, Điều 18"),
    ("decision.recognise_working_days", 5, "Ngày làm việc để Ủy ban nhân dân cấp xã công nhận kết quả", f"{LAW}, Điều 21"),
    ("decision.online_optin_percent", 50, "Tỷ lệ hộ phải đăng ký trước khi biểu quyết trực tuyến (trên)", "Nghị định 59/2023/NĐ-CP, Điều 5"),
    ("decision.initiative_percent", 10, "Tỷ lệ hộ tối thiểu đề xuất sáng kiến", f"{LAW}, Điều 16"),
    ("recommendation.answer_days", 15, "Số ngày trả lời kiến nghị giám sát (luật không quy định; mặc định như Ban Thanh tra nhân dân)", f"Luật Mặt trận Tổ quốc Việt Nam 2015 (sửa đổi bởi Luật số 97/2025/QH15), Điều 28 khoản 7; Điều 29 khoản 6 (không ấn định số ngày); mặc định theo {LAW}, Điều 40 khoản 1 điểm c"),
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
