"""Helpers for the plans tests: a plan document in the conventions of a real one."""

from __future__ import annotations

import datetime as dt
from typing import Any

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM
--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 88/KH-UBND

Thử Nghiệm, ngày 15 tháng 01 năm 2026

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền năm 2026

Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2026 như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Nâng cao trách nhiệm của cán bộ, công chức trong thực hiện công tác dân vận chính quyền.

2. Yêu cầu

- Triển khai đồng bộ, thiết thực; phân công rõ trách nhiệm và thời hạn hoàn thành.

II. NỘI DUNG, NHIỆM VỤ

1. Tuyên truyền về công tác dân vận

- Tổ chức quán triệt Chỉ thị số 33/CT-TTg ngày 26/11/2021 đến toàn thể cán bộ, công chức.

- Tuyên truyền trên hệ thống thông tin cơ sở bằng tiếng dân tộc.

2. Đối thoại với Nhân dân

- Tổ chức đối thoại trực tiếp giữa người đứng đầu chính quyền với Nhân dân.

III. CHỈ TIÊU

1. 100% xã tổ chức đối thoại với Nhân dân.

2. Tổ chức 03 lớp tập huấn kỹ năng dân vận cho công chức cấp xã.

IV. TỔ CHỨC THỰC HIỆN

1. Sở Nội vụ

- Tổ chức các lớp tập huấn kỹ năng công tác dân vận; hoàn thành trước ngày 30/9/2026.

- Tổng hợp kết quả, tham mưu Ủy ban nhân dân tỉnh báo cáo định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) theo quy định.

2. Ủy ban nhân dân xã Hòa Bình

- Xây dựng mô hình điểm "Dân vận khéo" gắn với chuyển đổi số; hoàn thành trước ngày 30/11/2026.

3. Các sở, ban, ngành; Ủy ban nhân dân các xã

- Xây dựng kế hoạch thực hiện công tác dân vận chính quyền năm 2026 của cơ quan, đơn vị, địa phương, gửi về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 28/02/2026.

Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lò Văn Thử
"""

COMMUNE_PLAN = """ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH
--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 12/KH-UBND

Hòa Bình, ngày 20 tháng 02 năm 2026

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền năm 2026 trên địa bàn xã

Thực hiện Kế hoạch số 88/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Thử Nghiệm về thực hiện công tác dân vận chính quyền năm 2026, Ủy ban nhân dân xã ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

- Tổ chức thực hiện nghiêm túc các nhiệm vụ được giao.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Hà Văn Bình
"""


def formset_data(*formsets: Any, forms: tuple[Any, ...] = ()) -> dict[str, str]:
    """POST data equal to what the page shows (initial values), for formsets and forms."""
    data: dict[str, str] = {}

    def put(form: Any) -> None:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    data[f"{key}"] = str(v) if i == 0 else data[key]
                if value:
                    data[key] = value  # type: ignore[assignment]
            elif isinstance(value, dt.date):
                data[key] = value.isoformat()
            elif value is None:
                data[key] = ""
            else:
                data[key] = str(value)

    for fs in formsets:
        management = fs.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
        for form in fs.forms:
            put(form)
    for form in forms:
        put(form)
    return data
