"""Shared vocabulary of Vietnamese administrative documents: document types, abbreviations,
administrative levels and the words that open the name of a body or a post."""

from __future__ import annotations

import re

# Type words as written in citations, longest first so that "Chương trình phối hợp" wins.
TYPE_WORDS = (
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Chương trình phối hợp",
    "Chương trình hành động",
    "Chương trình",
    "Quy chế phối hợp",
    "Quy chế",
    "Quy định",
    "Quyết định",
    "Nghị quyết",
    "Nghị định",
    "Chỉ thị",
    "Kết luận",
    "Kế hoạch",
    "Thông tư",
    "Thông tri",
    "Thông báo",
    "Công văn",
    "Công điện",
    "Văn bản",
    "Hướng dẫn",
    "Đề án",
    "Báo cáo",
    "Tờ trình",
    "Luật",
    "Pháp lệnh",
    "Lệnh",
    "Quy chế",
)

# Symbol abbreviation -> type name (Nghị định 30/2020/NĐ-CP appendix; Hướng dẫn 36-HD/VPTW).
TYPE_ABBREVIATIONS = {
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "KH": "Kế hoạch",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "TB": "Thông báo",
    "CV": "Công văn",
    "CĐ": "Công điện",
    "HD": "Hướng dẫn",
    "HĐ": "Hướng dẫn",
    "ĐA": "Đề án",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
    "CTrPH": "Chương trình phối hợp",
    "CTPH": "Chương trình phối hợp",
    "CTHĐ": "Chương trình hành động",
    "QC": "Quy chế",
    "QCPH": "Quy chế phối hợp",
    "QyĐ": "Quy định",
    "TTri": "Thông tri",
    "L": "Luật",
    "PL": "Pháp lệnh",
    "KH-LT": "Kế hoạch",
    "DA": "Dự án",
    "PA": "Phương án",
    "GM": "Giấy mời",
    "BB": "Biên bản",
}

# Type name -> abbreviation used for the document's own `type` field.
TYPE_NAME_TO_ABBREVIATION = {
    "kế hoạch": "KH",
    "quyết định": "QĐ",
    "chỉ thị": "CT",
    "nghị quyết": "NQ",
    "báo cáo": "BC",
    "thông báo": "TB",
    "đề án": "ĐA",
    "kết luận": "KL",
    "quy chế": "QC",
    "quy định": "QĐi",
    "hướng dẫn": "HD",
    "chương trình": "CTr",
    "công văn": "CV",
    "tờ trình": "TTr",
    "nghị định": "NĐ",
    "thông tư": "TT",
    "công điện": "CĐ",
}

ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "BCHTW": "Ban Chấp hành Trung ương",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "PTNT": "Phát triển nông thôn",
    "BCĐ": "Ban Chỉ đạo",
    "BDV": "Ban Dân vận",
    "TW": "Trung ương",
    "VN": "Việt Nam",
}
_ABBREVIATION_PATTERN = re.compile(
    r"\b(" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b"
)

# Bodies that sign party documents, from the part of a party symbol after the slash.
PARTY_ISSUERS = {
    "TW": "Ban Chấp hành Trung ương",
    "BCT": "Bộ Chính trị",
    "BBT": "Ban Bí thư",
    "BDVTW": "Ban Dân vận Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTCTW": "Ban Tổ chức Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "TU": "Tỉnh ủy",
    "TƯ": "Trung ương",
    "THU": "Thành ủy",
    "HU": "Huyện ủy",
    "QU": "Quận ủy",
    "TXU": "Thị xã ủy",
    "ĐU": "Đảng ủy",
    "BDVTU": "Ban Dân vận Tỉnh ủy",
    "BDVHU": "Ban Dân vận Huyện ủy",
    "BDVTHU": "Ban Dân vận Thành ủy",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy",
    "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "BTCTU": "Ban Tổ chức Tỉnh ủy",
    "VPTU": "Văn phòng Tỉnh ủy",
}

ADMIN_LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
LEVEL_PATTERN = r"(?:thành phố|thị xã|thị trấn|tỉnh|huyện|quận|xã|phường|TP\.?)"

# Lower-case first words of bodies, i.e. the word after "các" that makes a plural address.
PLURAL_BODY_NOUNS = (
    "sở",
    "ban",
    "ngành",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "tổ chức",
    "đoàn thể",
    "hội",
    "xã",
    "phường",
    "thị trấn",
    "huyện",
    "quận",
    "tỉnh",
    "thành phố",
    "cấp ủy",
    "cấp",
    "phòng",
    "thành viên",
    "thôn",
    "bản",
    "tổ dân phố",
    "trạm",
    "bộ",
    "trường",
    "chi bộ",
    "đảng ủy",
    "doanh nghiệp",
    "Đảng ủy",
    "Đoàn thể",
    "Sở",
    "Ban",
    "Thành viên",
    "ông",
)

# Words that open the name of a body or of a post (capitalised as in running text).
BODY_HEADS = (
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Ủy ban Mặt trận",
    "Uỷ ban Mặt trận",
    "Ủy ban MTTQ",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "HĐND",
    "UBMTTQVN",
    "UBMTTQ",
    "TTUBMTTQ",
    "MTTQ",
    "Mặt trận",
    "Hội đồng",
    "Thường trực",
    "Sở",
    "Ban",
    "Phòng",
    "Văn phòng",
    "Đài",
    "Báo",
    "Công an",
    "Bộ Chỉ huy",
    "Bộ",
    "Cục",
    "Chi cục",
    "Trung tâm",
    "Liên đoàn",
    "Hội",
    "Đoàn",
    "Tỉnh đoàn",
    "Huyện đoàn",
    "Đảng ủy",
    "Đảng uỷ",
    "Huyện ủy",
    "Tỉnh ủy",
    "Thành ủy",
    "Quận ủy",
    "Thanh tra",
    "Kho bạc",
    "Viện",
    "Tòa án",
    "Bảo hiểm",
    "Trường",
    "Chánh",
    "Giám đốc",
    "Thủ trưởng",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Phó Bí thư",
    "Phó Trưởng",
    "Phó Giám đốc",
    "Trưởng",
    "Bí thư",
    "Tổ trưởng",
    "Người đứng đầu",
    "Lãnh đạo",
    "Tổ công tác",
    "Tổ dân phố",
    "Công chức",
    "Trạm",
    "Chi bộ",
    "Chi hội",
    "Chi đoàn",
    "Bệnh viện",
    "Đồn",
    "Hợp tác xã",
    "Các",
    "các",
)


def expand_abbreviations(text: str) -> str:
    """Write out UBND, HĐND, MTTQ and similar abbreviations."""
    return _ABBREVIATION_PATTERN.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def type_name_for_symbol(symbol: str) -> str | None:
    """Guess a document type name from a number's symbol ('CT-TTg' -> 'Chỉ thị')."""
    head = re.split(r"[/-]", symbol, maxsplit=1)[0]
    if head in TYPE_ABBREVIATIONS:
        return TYPE_ABBREVIATIONS[head]
    if re.fullmatch(r"QH\d*", head):
        return "Nghị quyết"
    if "-" in symbol and "/" not in symbol:
        # State official letters carry no type: the issuer comes first ('575/UBND-NC').
        return "Công văn"
    return None
