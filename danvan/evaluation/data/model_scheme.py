"""A model scheme (bộ tiêu chí mẫu) a province copies and adapts to its own decision.

The criteria follow the shape of the provincial decisions the issue cites (Hưng Yên QĐ
04/2025/QĐ-UBND, Bến Tre QĐ 07/2023/QĐ-UBND): points out of 100, groups for implementing plans,
tasks and reports, citizens' petitions, grassroots democracy, satisfaction, and manual criteria
with evidence; bonus and penalty points; five bands and a cap rule. The numbers are an example,
not those of any decision: each province edits its own scheme in the admin.
"""

BASIS = "Bộ tiêu chí mẫu (tỉnh sửa theo quyết định của UBND tỉnh)"

BANDS = [(1, "Xuất sắc", 90), (2, "Tốt", 80), (3, "Khá", 65), (4, "Trung bình", 50), (5, "Yếu", 0)]

#: (code, title, max points, method, source, denominator, thresholds, points when nothing
#: to count, only for unit kinds, kind)
GROUPS = [
    (
        "Ban hành kế hoạch, thực hiện nhiệm vụ, báo cáo",
        [
            (
                "KH",
                "Ban hành kế hoạch thực hiện đúng hạn",
                10,
                "ratio",
                "plans.obligations_on_time",
                "plans.obligations_due",
                [[0, 0], [50, 5], [80, 8], [100, 10]],
                10,
                "",
                "standard",
            ),
            (
                "NV",
                "Nhiệm vụ hoàn thành đúng hạn",
                15,
                "ratio",
                "plans.tasks_done_on_time",
                "plans.tasks_due",
                [[0, 0], [50, 6], [70, 10], [90, 15]],
                15,
                "",
                "standard",
            ),
            (
                "BC",
                "Báo cáo định kỳ gửi đúng hạn",
                10,
                "ratio",
                "reporting.submissions_on_time",
                "reporting.submissions_due",
                [[0, 0], [50, 5], [80, 8], [100, 10]],
                10,
                "",
                "standard",
            ),
        ],
    ),
    (
        "Tiếp công dân, giải quyết đơn thư, đối thoại",
        [
            (
                "DT",
                "Trả lời đơn đúng hạn",
                15,
                "ratio",
                "petitions.answered_on_time",
                "petitions.answered",
                [[0, 0], [60, 6], [80, 10], [95, 15]],
                15,
                "",
                "standard",
            ),
            (
                "DTH",
                "Tổ chức đối thoại với Nhân dân",
                10,
                "value",
                "dialogues.held",
                "",
                [[0, 0], [1, 5], [2, 10]],
                None,
                "commune",
                "standard",
            ),
            (
                "DTH-S",
                "Tham mưu, phối hợp tổ chức đối thoại",
                10,
                "manual",
                "",
                "",
                [],
                None,
                "department",
                "standard",
            ),
        ],
    ),
    (
        "Sự hài lòng của người dân",
        [
            (
                "HL",
                "Chỉ số hài lòng của người dân (%)",
                20,
                "value",
                "surveys.satisfaction_index",
                "",
                [[0, 0], [60, 8], [70, 12], [80, 16], [90, 20]],
                None,
                "",
                "standard",
            ),
        ],
    ),
    (
        "Công tác dân vận chính quyền",
        [
            (
                "DVK",
                "Xây dựng mới ít nhất một mô hình «Dân vận khéo» trong năm",
                10,
                "value",
                "exemplars.models_built",
                "",
                [[0, 0], [1, 10]],
                None,
                "",
                "standard",
            ),
            (
                "TT",
                "Tuyên truyền, phổ biến chính sách",
                10,
                "manual",
                "",
                "",
                [],
                None,
                "",
                "standard",
            ),
        ],
    ),
    (
        "Điểm thưởng, điểm trừ",
        [
            (
                "THUONG",
                "Điểm thưởng: được khen thưởng cấp tỉnh trở lên",
                5,
                "manual",
                "",
                "",
                [],
                None,
                "",
                "bonus",
            ),
            (
                "TRU-KT",
                "Điểm trừ: kiến nghị sau kiểm tra quá hạn chưa khắc phục cuối năm",
                5,
                "value",
                "inspections.findings_overdue",
                "",
                [[1, 2], [3, 5]],
                None,
                "",
                "penalty",
            ),
            (
                "TRU-DON",
                "Điểm trừ: đơn quá hạn chưa giải quyết cuối năm",
                10,
                "value",
                "petitions.overdue_open",
                "",
                [[1, 2], [3, 5], [5, 10]],
                None,
                "",
                "penalty",
            ),
        ],
    ),
]

#: (criterion code, below points, highest band allowed, note)
CAPS = [("DT", 10, "Khá", "Không xếp loại Tốt trở lên nếu trả lời đơn đúng hạn dưới 80%.")]
