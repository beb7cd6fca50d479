"""The national questionnaire models and index formulas, loaded by migration 0002.

Wording is a short paraphrase of the forms' aspects (not the official questionnaire text, which
each year's survey plan prints); administrators edit them in the admin.
"""

SIPAS_2023 = "Quyết định 1001/QĐ-BNV ngày 11/12/2023 của Bộ Nội vụ (SIPAS giai đoạn 2023–2026)"
FIVE_FACTOR_2017 = "Quyết định 2640/QĐ-BNV ngày 10/10/2017 của Bộ Nội vụ (Đề án 2017–2020)"


def _scale(code, text, **extra):
    return {"code": code, "text": text, "kind": "scale", "required": True, **extra}


SIPAS = {
    "groups": [
        {
            "title": "Nhận định về việc cung ứng dịch vụ",
            "aspect": "perception",
            "questions": [
                _scale("tiep-can", "Việc tiếp cận thông tin và nộp hồ sơ thuận tiện"),
                _scale("thu-tuc", "Thủ tục hành chính được công khai, đơn giản, dễ thực hiện"),
                _scale(
                    "cong-chuc", "Công chức tiếp nhận, giải quyết hồ sơ tận tình, đúng quy định"
                ),
                _scale("ket-qua", "Kết quả được trả đúng hẹn, đúng quy định"),
            ],
        },
        {
            "title": "Sự hài lòng đối với chính sách",
            "aspect": "policy",
            "questions": [
                _scale("cs-xay-dung", "Việc xây dựng chính sách có lấy ý kiến người dân"),
                _scale("cs-thuc-thi", "Chính sách được thực hiện đúng, kịp thời"),
            ],
        },
        {
            "title": "Sự hài lòng đối với việc cung ứng dịch vụ",
            "aspect": "service",
            "questions": [
                _scale("hl-chung", "Mức độ hài lòng chung của Ông/Bà đối với dịch vụ đã sử dụng"),
                {
                    "code": "gap-kho-khan",
                    "text": "Ông/Bà có gặp khó khăn khi giải quyết công việc không?",
                    "kind": "single",
                    "required": True,
                    "choices": ["Có", "Không"],
                },
                {
                    "code": "kho-khan-gi",
                    "text": "Ông/Bà gặp khó khăn ở khâu nào?",
                    "kind": "multiple",
                    "required": True,
                    "choices": [
                        "Tiếp cận thông tin",
                        "Chuẩn bị hồ sơ",
                        "Thái độ công chức",
                        "Thời gian chờ",
                        "Phí, lệ phí",
                    ],
                    "show_if": {"code": "gap-kho-khan", "values": ["Có"]},
                },
            ],
        },
        {
            "title": "Nhu cầu, mong đợi",
            "aspect": "needs",
            "questions": [
                {
                    "code": "mong-doi",
                    "text": "Ông/Bà mong muốn cơ quan cải thiện điều gì?",
                    "kind": "text",
                    "required": False,
                },
            ],
        },
    ]
}

FIVE_FACTOR = {
    "groups": [
        {
            "title": "Tiếp cận dịch vụ",
            "aspect": "access",
            "questions": [
                _scale("ff-tiep-can", "Nơi tiếp nhận, trả kết quả thuận tiện, đủ tiện nghi")
            ],
        },
        {
            "title": "Thủ tục hành chính",
            "aspect": "procedure",
            "questions": [
                _scale("ff-thu-tuc", "Thủ tục được niêm yết công khai, đầy đủ, chính xác")
            ],
        },
        {
            "title": "Công chức phục vụ",
            "aspect": "officials",
            "questions": [_scale("ff-cong-chuc", "Công chức lịch sự, hướng dẫn tận tình, dễ hiểu")],
        },
        {
            "title": "Kết quả cung ứng dịch vụ",
            "aspect": "result",
            "questions": [_scale("ff-ket-qua", "Kết quả đúng quy định, trả đúng hẹn")],
        },
        {
            "title": "Tiếp nhận, xử lý phản ánh, kiến nghị",
            "aspect": "feedback",
            "questions": [
                _scale(
                    "ff-phan-anh",
                    "Phản ánh, kiến nghị được tiếp nhận và trả lời kịp thời",
                    required=False,
                )
            ],
        },
    ]
}

TEMPLATES = [
    ("sipas-2023", "Phiếu khảo sát SIPAS (4 nhóm nội dung)", SIPAS_2023, SIPAS),
    (
        "nam-yeu-to-2017",
        "Phiếu khảo sát 5 yếu tố của dịch vụ hành chính công",
        FIVE_FACTOR_2017,
        FIVE_FACTOR,
    ),
]

FORMULAS = [
    (
        "ty-le-hai-long",
        "Tỷ lệ hài lòng",
        "share",
        "4,5",
        True,
        "Mỗi câu: số người chọn «Hài lòng» hoặc «Rất hài lòng» chia cho số người trả lời câu đó, "
        "nhân 100. Mỗi nhóm: trung bình các câu; đơn vị: trung bình các nhóm.",
        SIPAS_2023,
    ),
    (
        "diem-trung-binh",
        "Điểm trung bình (1–5)",
        "mean",
        "",
        False,
        "Mỗi câu: tổng điểm (1–5) chia cho số người trả lời câu đó. Mỗi nhóm: trung bình các "
        "câu; đơn vị: trung bình các nhóm.",
        SIPAS_2023,
    ),
]
