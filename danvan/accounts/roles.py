"""The default roles and what they may do (loaded by a data migration, editable in the admin).

Patterns are matched against ``app_label.action_modelname``. Domain apps added later (plans,
reporting, petitions, participation) are covered by the patterns without touching this file;
``dialogues.*`` and ``hotspots.*`` came later and are also granted by those apps' own data
migrations to databases created before them.
"""

DEFAULT_ROLES: list[dict[str, object]] = [
    {
        "code": "system_admin",
        "name": "Quản trị hệ thống",
        "description": "Quản trị đơn vị, tài khoản, vai trò trong phạm vi được giao.",
        # "*" grants no explicit permission (core.scoping.explicit_permission): unlocking an
        # approved report is named; a denouncer's identity is not given to administrators.
        "permissions": ["*", "reporting.unlock_submission"],
        "require_two_factor": True,
    },
    {
        "code": "leader",
        "name": "Lãnh đạo phụ trách công tác dân vận",
        "description": "Chỉ đạo, phê duyệt kế hoạch, báo cáo; xem toàn bộ dữ liệu trong phạm vi.",
        "permissions": [
            "*.view_*",
            "!accounts.*",
            "documents.*",
            "plans.*",
            "reporting.*",
            "petitions.*",
            "participation.*",
            "dialogues.*",
            "hotspots.*",
            # Luật Tố cáo 2018 Điều 47: leaders over the handling unit read a denouncer's identity.
            "identity.read_denouncer",
            # Quy định 11-QĐi/TW: the head of the party committee acts on hotspots (alerts).
            "hotspots.lead_response",
        ],
        "require_two_factor": False,
    },
    {
        "code": "officer",
        "name": "Công chức theo dõi công tác dân vận",
        "description": "Xây dựng kế hoạch, cập nhật nhiệm vụ, lập báo cáo định kỳ.",
        "permissions": [
            "*.view_*",
            "!accounts.*",
            "documents.*",
            "plans.*",
            "reporting.*",
            "participation.*",
            "dialogues.*",
            "hotspots.*",
        ],
        "require_two_factor": False,
    },
    {
        "code": "reception_officer",
        "name": "Cán bộ tiếp công dân",
        "description": "Tiếp công dân, tiếp nhận và xử lý đơn thư.",
        "permissions": ["*.view_*", "!accounts.*", "petitions.*"],
        "require_two_factor": False,
    },
    {
        "code": "inspector",
        "name": "Thanh tra, kiểm tra",
        "description": "Xem dữ liệu trong phạm vi, ghi kết quả kiểm tra, đánh giá.",
        "permissions": ["*.view_*", "!accounts.*", "*.inspect_*"],
        "require_two_factor": False,
    },
    {
        "code": "front_supervisor",
        "name": "Giám sát của Mặt trận Tổ quốc",
        "description": "Xem dữ liệu công khai trong phạm vi, gửi kiến nghị giám sát, phản biện.",
        "permissions": ["*.view_*", "!accounts.*", "participation.add_supervision*"],
        "require_two_factor": False,
    },
    {
        "code": "viewer",
        "name": "Người xem",
        "description": "Chỉ xem dữ liệu trong phạm vi.",
        "permissions": ["*.view_*", "!accounts.*"],
        "require_two_factor": False,
    },
]
