"""The document's own particulars: number, type, date, place, issuer, signer and title.

Layout per Nghị định 30/2020/NĐ-CP (and Hướng dẫn 36-HD/VPTW for party bodies): the agency block
top left, the national motto top right, then 'Số: 12/KH-UBND', the place/date line, the type in
capitals with the trích yếu under it; the signature block ('KT. CHỦ TỊCH / PHÓ CHỦ TỊCH') ends
the text with the signer's name under it.  News posts that only describe a document have none of
this and get no particulars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .casing import body_name_case, is_upper_text, sentence_case
from .cleanup import CleanText
from .models import DocMeta
from .patterns import DATE_NUMERIC, DOC_NUMBER, iso_date, normalize_number, split_number
from .vocabulary import (
    PARTY_ISSUERS,
    TYPE_ABBREVIATIONS,
    TYPE_NAME_TO_ABBREVIATION,
    TYPE_WORDS,
    expand_abbreviations,
)

_NUMBER_LINE = re.compile(
    r"(?:^|(?<=\s))Số\s*[:.]?\s*(?P<num>\d{1,5}[a-z]?)?\s*"
    r"(?P<rest>(?:/\s*(?:19|20)\d\d\s*)?[/\-–]\s*[A-ZĐ][\w&]*(?:\s?[/\-–]\s?[A-ZĐ][\w&]*)*"
    r"(?:\.[A-ZĐ][A-ZĐ0-9]*)?)"
)
# The date part is matched first and the place read backwards from it: anchoring on
# ", ngày" keeps the search linear on very long flattened lines.
_DATE_LINE = re.compile(
    r",\s*ngày\s*(?:(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>(?:19|20)\d\d)"
    # 'Hà Nội, ngày 05/3/2025' as some bodies and most web copies print it
    r"|(?P<nd>\d{1,2})\s*[/.\-]\s*(?P<nm>\d{1,2})\s*[/.\-]\s*(?P<ny>(?:19|20)\d\d)\b)",
    re.IGNORECASE,
)


def _date_parts(match: re.Match[str]) -> tuple[str | None, str | None, str | None]:
    if match.group("ny"):
        return match.group("nd"), match.group("nm"), match.group("ny")
    return match.group("d"), match.group("m"), match.group("y")


def _place_date(line: str) -> tuple[str, re.Match[str]] | None:
    """(text before the comma, date match) for a 'Place, ngày ... tháng ... năm ...' line."""
    match = _DATE_LINE.search(line)
    if match is None:
        return None
    pre = line[max(0, match.start() - 80) : match.start()]
    return pre.rsplit(",", 1)[-1], match


_MOTTO = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
    "ĐỘC LẬP – TỰ DO – HẠNH PHÚC",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
)
_MOTTO_INLINE = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*"
    r"Hạnh\s+phúc|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",
    re.IGNORECASE,
)
_TYPE_HEADING = re.compile(
    r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CÔNG VĂN|THÔNG BÁO|BÁO CÁO|ĐỀ ÁN|CHƯƠNG TRÌNH|"
    r"HƯỚNG DẪN|NGHỊ QUYẾT|TỜ TRÌNH|QUY CHẾ|QUY ĐỊNH|KẾT LUẬN|CÔNG ĐIỆN|THÔNG TRI)"
    r"(?:\s*:)?(?:\s+(?P<rest>.*))?$"
)
_HEADLINE = re.compile(
    r"^(?P<type>" + "|".join(TYPE_WORDS) + r")\s+(?:số\s+)?(?=\d)", re.IGNORECASE
)
_TITLE_STOP = re.compile(
    r"^(?:Căn cứ|Thực hiện|Kính gửi|Xét đề nghị|Theo đề nghị|Trong những năm|I\.|1\.|Điều\s+\d|"
    r"Phần thứ|CHỦ TỊCH|GIÁM ĐỐC|BAN THƯỜNG VỤ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|[-+•]\s)"
)
_FIRST_LINE_STOP = re.compile(
    r"^(?:Căn cứ|Kính gửi|Xét đề nghị|Theo đề nghị|I\.|1\.|Điều\s+\d|[-+•]\s)"
)
_AUTHORITY = re.compile(
    r"^(?:CHỦ TỊCH|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|THƯỜNG TRỰC)\s+(?P<body>.+)$|"
    r"^(?P<whole>(?:ỦY|UỶ) BAN NHÂN DÂN\s+\S.*)$"
)
_BODY_ISSUER = re.compile(
    r"(?P<body>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Ban|Phòng|Huyện ủy|Tỉnh ủy|Thành ủy|"
    r"Đảng ủy|Văn phòng|Ủy ban|Hội đồng|Trung tâm|Chi cục|Cục)\b[^;.:\n]{0,70}?)\s+"
    r"(?:xây dựng|ban hành|triển khai)\s+(?:Kế hoạch|kế hoạch|Chương trình|chương trình|"
    r"Hướng dẫn|Đề án|Quy chế)"
)
_PREAMBLE_END = re.compile(r"^(?:[IVX]+\.|1\.|Điều 1\b|Phần thứ nhất)", re.IGNORECASE)
_SIGN_POSITION = re.compile(
    r"^(?:(?:KT|K/T|TM|T/M|TL|T/L|TUQ|Q|UQ)\.?\s+)?[A-ZĐÀ-Ỹ /.]*"
    r"(?:CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|TRƯỞNG|THỦ TƯỚNG|CHÁNH|ỦY VIÊN|THƯỜNG TRỰC|TỔNG THƯ KÝ)"
    r"[A-ZĐÀ-Ỹ /.]*$"
)
_ON_BEHALF = re.compile(r"^(?:TM|T/M)\.?\s+(?P<body>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{4,80})$")
_SIGN_PREFIX = re.compile(r"^(?:KT|K/T|TM|T/M|TL|T/L|TUQ|Q|UQ)\.?\s")
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s){1,5}[A-ZĐÀ-Ỹ][a-zđà-ỹ]*$")
_UPPER_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ]{1,7}\s){1,4}[A-ZĐÀ-Ỹ]{1,7}$")
_SIGN_NOISE = re.compile(
    r"^(?:\(?\s*đã ký\s*\)?|\[?daky\]?|\(ký.*\)|\(?ký tên.*|\(?đóng dấu.*)$", re.I
)
_LEVEL_NAME = re.compile(
    r"\b(?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố|TP\.?)\s+\S", re.I
)
_BARE_LEVEL = re.compile(r"\b(tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố)$", re.I)
_SITE_DATE = re.compile(DATE_NUMERIC)


@dataclass
class HeaderInfo:
    """Particulars plus where the header ends, for the other extractors."""

    meta: DocMeta
    is_document: bool
    body_start: int
    own_keys: tuple[str, ...]


def _empty_meta() -> DocMeta:
    return DocMeta(
        number=None,
        symbol=None,
        type=None,
        issued_on=None,
        place=None,
        issuer=None,
        signer=None,
        title=None,
    )


def _is_motto(line: str) -> bool:
    upper = re.sub(r"\s+", " ", line.upper()).strip(" -–*|")
    if not upper:
        return True
    return any(upper in motto or motto in upper for motto in _MOTTO) and len(upper) <= 40


def _near(lines: list[str], index: int, count: int) -> list[str]:
    """Up to `count` non-blank lines before and after lines[index], and that line: table
    exports put blank lines between the cells of the header."""
    before = [line for line in lines[max(0, index - 4 * count) : index] if line][-count:]
    after = [line for line in lines[index : index + 4 * count] if line][: count + 1]
    return before + after


def _find_number_line(lines: list[str]) -> tuple[int, re.Match[str]] | None:
    limit = max(60, len(lines) // 3)
    for index, line in enumerate(lines[:limit]):
        match = _NUMBER_LINE.match(line.lstrip("|* "))
        if match:
            return index, match
    for index, line in enumerate(lines[:limit]):
        match = _NUMBER_LINE.search(line)
        if match and "Số:" in line:
            return index, match
    return None


def _find_headline(lines: list[str]) -> tuple[int, re.Match[str], re.Match[str]] | None:
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > 3:
            return None
        head = _HEADLINE.match(line)
        if head:
            number = DOC_NUMBER.match(line, head.end())
            if number:
                return index, head, number
    return None


def _place_from(pre: str) -> str | None:
    words = pre.replace("|", " ").split()
    place: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() and word.replace(".", "").isalpha():
            place.insert(0, word)
        else:
            break
    if not place or len(place) > 5:
        return None
    name = " ".join(place)
    return body_name_case(name) if is_upper_text(name) and len(name) > 3 else name


def _agency_lines(lines: list[str], number_index: int, number_start: int) -> list[str]:
    """Upper-case lines of the agency block, above the number line."""
    same_line = lines[number_index][:number_start]
    if same_line.strip():
        cleaned = _MOTTO_INLINE.sub(" ", same_line)
        found_date = _place_date(cleaned)
        if found_date:
            cleaned = (
                cleaned[: found_date[1].start() - len(found_date[0])]
                + cleaned[found_date[1].end() :]
            )
        cleaned = re.sub(r"^\s*\d+\.\s*", "", cleaned).strip()
        if cleaned and is_upper_text(cleaned):
            return [cleaned]
    block: list[str] = []
    for line in reversed(lines[max(0, number_index - 12) : number_index]):
        if not line or _is_motto(line) or _DATE_LINE.search(line):
            continue
        if not is_upper_text(line) and _MOTTO_INLINE.search(line):
            # Agency and motto side by side on one line: keep the agency's capitals.
            line = re.sub(r"^\s*\d+\.\s*", "", _MOTTO_INLINE.sub(" ", line)).strip()
            line = re.sub(r"\s+", " ", line)
        if not line or not is_upper_text(line) or len(line) > 90:
            break
        block.insert(0, line)
    return block


def _locality(name: str) -> str | None:
    match = re.search(
        r"\b((?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố)\s+.+)$", name, re.I
    )
    return match.group(1) if match else None


def _issuer_from_block(block: list[str]) -> str | None:
    if not block:
        return None
    names = [body_name_case(line) for line in block]
    last = names[-1]
    if len(names) >= 2 and re.match(
        r"^(?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố)\b(?!\s+[uủ]y\b)", last, re.I
    ):
        joined = f"{names[-2]} {last[0].lower()}{last[1:]}"
        return joined
    if len(names) >= 2 and not _locality(last):
        upper = _locality(names[-2])
        if upper and not re.match(r"^(?:Ủy|Uỷ) ban nhân dân$", last, re.I):
            return f"{last} {upper[0].lower()}{upper[1:]}"
    return last


def _complete_issuer(issuer: str, place: str | None, site_issuer: str | None, text: str) -> str:
    issuer = expand_abbreviations(issuer).strip(" ,.;:")
    if _LEVEL_NAME.search(issuer):
        return issuer
    if place:
        # The body's full name usually recurs in the text: 'Ủy ban nhân dân xã Sơn Vĩ'.
        named = re.search(
            re.escape(issuer)
            + r"\s+((?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố)\s+"
            + re.escape(place)
            + r")\b",
            text,
        )
        if named:
            return f"{issuer} {named.group(1)}"
    if site_issuer and _LEVEL_NAME.search(site_issuer):
        return f"{issuer} {site_issuer[0].lower()}{site_issuer[1:]}"
    if place and _BARE_LEVEL.search(issuer):
        return f"{issuer} {place}"
    if place and re.match(r"^Sở\s", issuer):
        return f"{issuer} tỉnh {place}"
    return issuer


def _find_signer(lines: list[str], start: int) -> str | None:
    for index in range(start, len(lines)):
        line = lines[index].strip(" |")
        if not line or len(line) > 70 or not _SIGN_POSITION.match(line):
            continue
        if not _SIGN_PREFIX.match(line) and index + 1 < len(lines):
            following = lines[index + 1].strip()
            if following.startswith(("Căn cứ", "Theo", "Xét")):
                continue  # the authority line of a decision, not a signature
        seen = 0
        for candidate in lines[index + 1 : index + 12]:
            candidate = candidate.strip(" |")
            if not candidate or _SIGN_NOISE.match(candidate):
                continue
            if _SIGN_POSITION.match(candidate) and is_upper_text(candidate):
                continue
            seen += 1
            if _NAME.match(candidate) and len(candidate) <= 40:
                return candidate
            if _UPPER_NAME.match(candidate) and not _SIGN_POSITION.match(candidate):
                return body_name_case(candidate).title()  # 'NGUYỄN VĂN AN' in capitals
            if seen >= 2 or candidate.startswith(("Nơi nhận", "[", "-")):
                break
    return None


def _title_after(lines: list[str], index: int, first: str | None) -> tuple[str | None, int]:
    parts = [first] if first else []
    end = index
    for offset, line in enumerate(lines[index + 1 : index + 8], start=index + 1):
        if not line:
            if parts:
                break
            continue
        if len(line) > 300 or (_TITLE_STOP.match(line) and (parts or _FIRST_LINE_STOP.match(line))):
            break
        if parts and is_upper_text(parts[-1]) != is_upper_text(line) and not line.startswith("V/v"):
            break
        if parts and len(line) > 60 and re.search(r"[.:;]$", line) and not is_upper_text(line):
            break  # a sentence of the body: a trích yếu does not end with a full stop
        parts.append(line)
        end = offset
    if not parts:
        return None, index
    title = " ".join(parts)
    title = _MOTTO_INLINE.split(title)[0].strip()
    return sentence_case(title), end


def _type_from_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    head = re.split(r"[/-]", symbol, maxsplit=1)[0]
    if head in TYPE_ABBREVIATIONS:
        return head
    # Joint documents add 'PH' (phối hợp) or 'LT'/'LN' (liên tịch, liên ngành) to the type:
    # 'KHPH-ĐU-UBND', 'CTrPH/BDVHU-BCSĐUBND'.
    joint = re.fullmatch(r"(?P<type>[A-ZĐ][A-Za-zĐđ]*?)(?:PH|LT|LN|LB)", head)
    if joint and joint.group("type") in TYPE_ABBREVIATIONS:
        return joint.group("type")
    if "-" in symbol and "/" not in symbol:
        return "CV"  # state official letter: no type in the symbol
    return None


def extract_metadata(clean: CleanText) -> HeaderInfo:
    """Find the document's particulars in cleaned text; all None for news posts and notices."""
    lines = clean.lines
    site = clean.site_meta
    meta = _empty_meta()
    found = _find_number_line(lines)
    headline = _find_headline(lines)
    number_index = 0
    if found:
        number_index, match = found
        rest = normalize_number(match.group("rest"))
        if match.group("num"):
            printed = normalize_number(match.group("num") + rest)
            meta["number"], meta["symbol"] = printed, split_number(printed)[1]
        else:
            meta["symbol"] = re.sub(r"^/?(?:(?:19|20)\d\d)?[/-]", "", rest)
    elif headline:
        number_index = headline[0]
        own_number = normalize_number(headline[2].group(0))
        meta["number"], meta["symbol"] = own_number, split_number(own_number)[1]
    elif site.get("Số hiệu"):
        site_number = normalize_number(site["Số hiệu"])
        meta["number"], meta["symbol"] = site_number, split_number(site_number)[1]
    else:
        return HeaderInfo(meta=meta, is_document=False, body_start=0, own_keys=())

    # Place and date: the line near the number.
    window = _near(lines, number_index, 8)
    for line in window:
        place_date = _place_date(line)
        if place_date:
            pre, date_match = place_date
            meta["place"] = _place_from(pre)
            meta["issued_on"] = iso_date(*_date_parts(date_match))
            break
    else:
        if headline and not found:
            after = lines[headline[0]][headline[2].end() :]
            headline_date = re.match(r"\s*,?\s*ngày\s+" + DATE_NUMERIC, after)
            if headline_date:
                meta["issued_on"] = iso_date(*headline_date.group("d", "m", "y"))
    if meta["issued_on"] is None and site.get("Ngày ban hành"):
        # The site's attribute block is evidence where the body is silent (a blank day).
        site_date = _SITE_DATE.search(site["Ngày ban hành"])
        if site_date:
            meta["issued_on"] = iso_date(*site_date.group("d", "m", "y"))

    meta["type"] = _type_from_symbol(meta["symbol"])

    # Title: under the type heading, else the capitals after the date line, else the headline.
    body_start = number_index + 1
    title: str | None = None
    for index in range(number_index, min(len(lines), number_index + 14)):
        heading = _TYPE_HEADING.match(lines[index])
        if heading:
            if meta["type"] is None:
                meta["type"] = TYPE_NAME_TO_ABBREVIATION.get(heading.group(1).lower())
            first: str | None = heading.group("rest")
            if first and re.fullmatch(r"(?:PHỐI HỢP|LIÊN TỊCH|LIÊN NGÀNH|LIÊN BỘ)", first.strip()):
                first = None  # 'KẾ HOẠCH PHỐI HỢP': the kind of a joint document, not its title
            title, body_start = _title_after(lines, index, first)
            break
        if lines[index].startswith("V/v"):
            title, body_start = _title_after(lines, index - 1, None)
            break
    if title is None and found:
        for index in range(number_index + 1, min(len(lines), number_index + 8)):
            line = lines[index]
            if line and is_upper_text(line) and not _is_motto(line) and not _DATE_LINE.search(line):
                title, body_start = _title_after(lines, index - 1, None)
                break
    if title is None and headline:
        rest = lines[headline[0]][headline[2].end() :]
        rest = re.sub(r"^\s*,?\s*ngày\s+" + DATE_NUMERIC, "", rest).strip(" -–,")
        title = rest[:1].upper() + rest[1:] if rest else None
        if meta["type"] is None:
            meta["type"] = TYPE_NAME_TO_ABBREVIATION.get(headline[1].group("type").lower())
    meta["title"] = title

    # Issuer: the agency block, the authority line, a sentence of the body, or the symbol.
    site_issuer = site.get("Cơ quan ban hành") or site.get("Nơi ban hành")
    issuer = None
    if found:
        issuer = _issuer_from_block(_agency_lines(lines, number_index, found[1].start()))
    if issuer is None:
        for line in lines[number_index : number_index + 25]:
            authority = _AUTHORITY.match(line)
            if authority and is_upper_text(line):
                issuer = body_name_case(authority.group("body") or authority.group("whole"))
                break
    if issuer is None:
        # The signature block names the body a leader signs for: 'TM. ỦY BAN NHÂN DÂN'.
        for line in lines[body_start:]:
            on_behalf = _ON_BEHALF.match(line.strip(" |"))
            if on_behalf and is_upper_text(on_behalf.group("body")):
                issuer = body_name_case(on_behalf.group("body"))
                break
    if issuer is None and meta["symbol"] and "/" in meta["symbol"]:
        issuer = PARTY_ISSUERS.get(meta["symbol"].split("/")[-1].split("-")[0])
    if issuer is None:
        # 'Sở ... xây dựng Kế hoạch ... như sau': only in the preamble, before item 1.
        for paragraph in clean.paragraphs[:40]:
            if _PREAMBLE_END.match(paragraph):
                break
            body = _BODY_ISSUER.search(paragraph)
            if body:
                issuer = body.group("body")
                break
    if issuer is None and site_issuer and _LEVEL_NAME.search(site_issuer):
        issuer = site_issuer
    if issuer:
        expanded_text = expand_abbreviations("\n".join(clean.paragraphs[:200]))
        meta["issuer"] = _complete_issuer(issuer, meta["place"], site_issuer, expanded_text)

    meta["signer"] = _find_signer(lines, body_start) or site.get("Người ký") or None
    if len(lines[number_index]) > 500:
        body_start = number_index  # text flattened onto one line: the body is on it too
    own = (meta["number"],) if meta["number"] else ()
    return HeaderInfo(meta=meta, is_document=True, body_start=body_start, own_keys=own)
