"""Command line: print what the parser finds in one document, as JSON or a Vietnamese summary."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any

from .models import DocumentReadError
from .pipeline import parse_file
from .vocabulary import TYPE_ABBREVIATIONS

_PERIOD_NAMES = {
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "semiannual": "6 tháng",
    "nine_months": "9 tháng",
    "annual": "hằng năm",
    "ad_hoc": "đột xuất",
}
_ROLE_NAMES = {"lead": "chủ trì", "support": "phối hợp", "all": "chung"}


def _value(value: object) -> str:
    return "—" if value in (None, "") else str(value)


def format_summary(result: dict[str, Any]) -> str:
    """A readable Vietnamese summary of a parse result."""
    doc = result["doc"]
    lines = []
    if result.get("kind") == "notice":
        lines.append("Văn bản là tin bài/thông báo về văn bản khác: không có số, ký hiệu riêng.")
    lines += [
        f"Số, ký hiệu:      {_value(doc['number'])}",
        f"Loại văn bản:     {_value(TYPE_ABBREVIATIONS.get(doc['type'] or '', doc['type']))}",
        f"Ngày ban hành:    {_value(doc['issued_on'])}",
        f"Địa danh:         {_value(doc['place'])}",
        f"Cơ quan ban hành: {_value(doc['issuer'])}",
        f"Người ký:         {_value(doc['signer'])}",
        f"Trích yếu:        {_value(doc['title'])}",
        "",
        f"Văn bản được viện dẫn: {len(result['references'])}",
    ]
    for ref in result["references"]:
        extra = ", ".join(
            part
            for part in (
                f"ngày {ref['issued_on']}" if ref["issued_on"] else "",
                f"của {ref['issuer']}" if ref["issuer"] else "",
            )
            if part
        )
        lines.append(
            f"  - {_value(ref['type'])} {ref['number']}" + (f" ({extra})" if extra else "")
        )
    lines.append(f"Thời hạn: {len(result['deadlines'])}")
    for deadline in result["deadlines"]:
        day = f"{deadline['day']:02d}/{deadline['month']:02d}"
        if deadline["year"]:
            day += f"/{deadline['year']}"
        who = f" [{deadline['who']}]" if deadline.get("who") else ""
        lines.append(f"  - {day}{who}: {deadline['text']}")
    lines.append(f"Chế độ báo cáo: {len(result['reporting'])}")
    for report in result["reporting"]:
        to = f" → {report['to']}" if report.get("to") else ""
        lines.append(f"  - {_PERIOD_NAMES[report['period']]}{to}")
    lines.append(f"Chỉ tiêu: {len(result['targets'])}")
    for target in result["targets"]:
        value = target["value"]
        shown = f"{value:g}" if isinstance(value, float | int) else _value(value)
        lines.append(f"  - {shown} {_value(target['unit'])}: {target['text']}")
    lines.append(f"Phân công: {len(result['assignments'])}")
    for item in result["assignments"]:
        lines.append(f"  - {item['unit']} ({_ROLE_NAMES[item['role']]}): {item['task']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse FILE and print the result; return 0, or 2 with a message when it cannot be read."""
    parser = argparse.ArgumentParser(
        prog="danvan parse",
        description="Đọc một văn bản hành chính và trích xuất số, ngày, viện dẫn, thời hạn, "
        "chế độ báo cáo, chỉ tiêu và phân công.",
    )
    parser.add_argument("file", metavar="FILE", help="tệp .txt, .docx, .pdf, .doc hoặc .odt")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    args = parser.parse_args(argv)
    try:
        result = parse_file(args.file)
    except DocumentReadError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except Exception:  # noqa: BLE001 - a user at a terminal gets a message, not a traceback
        logging.getLogger(__name__).debug("parse failed", exc_info=True)
        print(
            "Lỗi: không phân tích được văn bản này (lỗi nội bộ của bộ đọc). "
            "Hãy gửi tệp cho quản trị viên để kiểm tra.",
            file=sys.stderr,
        )
        return 2
    if result.get("text_source") == "ocr" and not args.json:
        print("Văn bản được đọc bằng nhận dạng ký tự (OCR) từ bản quét: hãy kiểm tra lại.")
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_summary(result))
    return 0
