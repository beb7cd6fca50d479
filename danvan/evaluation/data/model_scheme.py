"""A model scheme (bộ tiêu chí mẫu) a province copies and adapts to its own decision.

The criteria follow the shape of the provincial decisions the issue cites (Hưng Yên QĐ
04/2025/QĐ-UBND, Bến Tre QĐ 07/2023/QĐ-UBND): points out of 100, groups for implementing plans,
tasks and reports, citizens' petitions, grassroots democracy, satisfaction, the dân vận work of
government, and manual criteria with evidence; bonus and penalty points; five bands and a cap
rule. The numbers are an example, not those of any decision: each province edits its own scheme
in the admin.

Every standard criterion that applies to a kind of unit adds up to 100 for it (a commune has
«Tổ chức đối thoại», a department «Tham mưu, phối hợp tổ chức đối thoại» instead):
plans, tasks, reports 28; petitions and dialogues 20; grassroots democracy 18; satisfaction 15;
dân vận work 19. Shares with nothing to count (no task due, no comment to answer, no
recommendation due, no official in a citizen-facing position, no finding due) give full points.
"""

BASIS = "Bộ tiêu chí mẫu (tỉnh sửa theo quyết định của UBND tỉnh)"

BANDS = [(1, "Xuất sắc", 90), (2, "Tốt", 80), (3, "Khá", 65), (4, "Trung bình", 50), (5, "Yếu", 0)]

#: Share thresholds of a small criterion: below half nothing, full points only at 100 %.
SHARE_5 = [[0, 0], [50, 2], [80, 4], [100, 5]]

#: (code, title, max points, method, source, denominator, thresholds, points when nothing
#: to count, only for unit kinds, kind)
GROUPS = [
    (
        "Ban hành kế hoạch, thực hiện nhiệm vụ, báo cáo",
        [
            (
                "KH",
                "Ban hành kế hoạch thực hiện đúng hạn",
                8,
                "ratio",
                "plans.obligations_on_time",
                "plans.obligations_due",
                [[0, 0], [50, 4], [80, 6], [100, 8]],
                8,
                "",
                "standard",
            ),
            (
                "NV",
                "Nhiệm vụ hoàn thành đúng hạn",
                12,
                "ratio",
                "plans.tasks_done_on_time",
                "plans.tasks_due",
                [[0, 0], [50, 5], [70, 8], [90, 12]],
                12,
                "",
                "standard",
            ),
            (
                "BC",
                "Báo cáo định kỳ gửi đúng hạn",
                8,
                "ratio",
                "reporting.submissions_on_time",
                "reporting.submissions_due",
                [[0, 0], [50, 4], [80, 6], [100, 8]],
                8,
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
                12,
                "ratio",
                "petitions.answered_on_time",
                "petitions.answered",
                [[0, 0], [60, 5], [80, 8], [95, 12]],
                12,
                "",
                "standard",
            ),
            (
                "DTH",
                "Tổ chức đối thoại với Nhân dân",
                8,
                "value",
                "dialogues.held",
                "",
                [[0, 0], [1, 4], [2, 8]],
                None,
                "commune",
                "standard",
            ),
            (
                "DTH-S",
                "Tham mưu, phối hợp tổ chức đối thoại",
                8,
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
        "Thực hiện dân chủ ở cơ sở",
        [
            (
                "CK",
                "Công khai đầy đủ, đúng hạn các nội dung phải công khai (%)",
                8,
                "ratio",
                "participation.disclosures_complete",
                "participation.disclosures_required",
                [[0, 0], [50, 3], [80, 6], [100, 8]],
                8,
                "",
                "standard",
            ),
            (
                "LYK",
                "Tiếp thu, giải trình ý kiến góp ý dự thảo của Nhân dân (%)",
                5,
                "ratio",
                "participation.comments_answered",
                "participation.comments_to_answer",
                SHARE_5,
                5,
                "",
                "standard",
            ),
            (
                "KN",
                "Trả lời đúng hạn kiến nghị của Mặt trận, Ban Thanh tra nhân dân, Ban Giám sát "
                "đầu tư cộng đồng (%)",
                5,
                "ratio",
                "participation.feedback_on_time",
                "participation.feedback_due",
                SHARE_5,
                5,
                "",
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
                15,
                "value",
                "surveys.satisfaction_index",
                "",
                [[0, 0], [60, 6], [70, 9], [80, 12], [90, 15]],
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
                6,
                "value",
                "exemplars.models_built",
                "",
                [[0, 0], [1, 6]],
                None,
                "",
                "standard",
            ),
            (
                "BD",
                "Cán bộ, công chức ở vị trí tiếp xúc với Nhân dân được bồi dưỡng trong năm (%)",
                5,
                "ratio",
                "training.citizen_facing_trained",
                "training.citizen_facing_officials",
                SHARE_5,
                5,
                "",
                "standard",
            ),
            (
                "KT",
                "Khắc phục đúng hạn kiến nghị sau kiểm tra (%)",
                4,
                "ratio",
                "inspections.findings_closed_by_due",
                "inspections.findings_due",
                [[0, 0], [50, 2], [100, 4]],
                4,
                "",
                "standard",
            ),
            (
                "TT",
                "Tuyên truyền, phổ biến chính sách",
                4,
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
CAPS = [("DT", 8, "Khá", "Không xếp loại Tốt trở lên nếu trả lời đơn đúng hạn dưới 80%.")]
