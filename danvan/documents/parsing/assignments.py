"""Who is given which work: lead (chủ trì / được giao), support (phối hợp), all (general address).

Rules follow how plans and decisions word assignments: a unit heading an item of 'Tổ chức thực
hiện' with its tasks under it; 'Giao X chủ trì, phối hợp với Y'; 'Đơn vị chủ trì: X'; a unit as the
subject of an item ('Sở Tài chính bố trí kinh phí'); 'đề nghị/yêu cầu X ...' addresses; and the
closing 'X chịu trách nhiệm thi hành Quyết định này'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .models import Assignment, Role
from .sections import Block, Node
from .vocabulary import BODY_HEADS, PLURAL_BODY_NOUNS

_HEADS = "|".join(sorted((h for h in BODY_HEADS if h not in ("Các", "các")), key=len, reverse=True))
_PLURAL = (
    r"(?:[Cc]ác|[Nn]hững)\s+(?:"
    + "|".join(sorted(PLURAL_BODY_NOUNS, key=len, reverse=True))
    + r")\b"
)
_NOT_UNIT = (
    r"(?!Ban hành|Tổ chức|Hội nghị|Hội thi|Hội thảo|Bộ máy|Trường hợp|Báo cáo|Lãnh đạo và|"
    r"Phòng,? chống|Phòng ngừa|Đoàn kết|Thường trực của|Đài\s*,)"
)
_UNIT_START = re.compile(r"^" + _NOT_UNIT + r"(?:(?:" + _HEADS + r")\b|" + _PLURAL + ")")
_STATEMENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\-+•])")
_VERBS = (
    "chủ trì|phối hợp|tham gia|chịu trách nhiệm|có trách nhiệm|thực hiện|triển khai|tổ chức|"
    "chỉ đạo|tăng cường|tập trung|xây dựng|hướng dẫn|theo dõi|tham mưu|tuyên truyền|nghiên cứu|"
    "rà soát|bố trí|đảm bảo|bảo đảm|kiểm tra|ký kết|phổ biến|quán triệt|nâng cao|đẩy mạnh|"
    "lãnh đạo|giám sát|đôn đốc|báo cáo|gửi|thẩm định|cung cấp|phân công|đề xuất|cử|ban hành|"
    "công nhận|thành lập|cân đối|cập nhật|tổng hợp|duy trì|phát huy|vận động|hỗ trợ|bổ sung|"
    "tiếp nhận|giải quyết|xử lý|phát động|tổng kết|sơ kết|đánh giá|lồng ghép|quan tâm|làm|là|"
    "yêu cầu|đề nghị|chuẩn bị|phê duyệt|trình|thi hành|đăng tải|biên soạn|ký|tiếp tục|chủ động|"
    "thường xuyên|khẩn trương|nghiêm túc|kịp thời|tích cực|đã|đang|sẽ|cần|phải|trong phạm vi|mở|"
    "tiếp|niêm yết|công khai|thống nhất|nắm|nắm bắt|khảo sát|tập huấn|biểu dương|hoàn thành|"
    "hoàn thiện|kiện toàn|huy động|vận hành|thống kê|tiếp thu|phản ánh|"
    "trong phạm vị|theo chức năng|căn cứ"
)
# Prepositions also end a unit's name, but a predicate may not start with one.
_PREPOSITIONS = "tại|theo|về|đối với|trên cơ sở|giữa|với"
_VERB = re.compile(
    r"(?<!các )(?<!những )(?<!được )(?<!bị )(?<=\s)(?:" + _VERBS + "|" + _PREPOSITIONS + r")"
    r"(?=[\s,.;:]|$)"
)
_PREPOSITION_START = re.compile(r"^(?!theo dõi\b)(?:" + _PREPOSITIONS + r")\b")
# Steering committees are named after their work: 'Ban Chỉ đạo xây dựng và thực hiện QCDC ...'.
_NAMED_BY_WORK = re.compile(
    r"^Ban [Cc]hỉ đạo\s+(?:" + _VERBS + r")(?:\s+và\s+(?:" + _VERBS + r"))?\s"
)
_SUPPORT_VERB = re.compile(
    r"^(?:(?:tiếp tục|chủ động|thường xuyên|tích cực|có trách nhiệm)\s+)*(?:phối hợp|tham gia)\b"
)
_ALL_VERB = re.compile(r"^(?:chịu trách nhiệm\s+)?thi hành\b")
_NOT_TASK_VERB = re.compile(r"^(?:đã|đang|vừa|yêu cầu|đề nghị|ban hành|ký\b|thống nhất\b)")
# 'Ủy ban nhân dân xã xây dựng Kế hoạch … như sau' is the issuer presenting its own plan; bodies
# named in the plural ('UBND các xã, thị trấn xây dựng kế hoạch …') cannot be the issuer, so
# for them it is the task the plan gives.
_OWN_PLAN = re.compile(r"^xây dựng (?:Kế hoạch|kế hoạch)")
_PLURAL_SUBJECT = re.compile(r"(?:^|\s)(?:các|những|Các|Những)\s")
_ADDRESS = re.compile(r"(?:^|\s)(?:đề nghị|yêu cầu|gửi đến|gửi tới)\s+(?=\S)", re.IGNORECASE)
_GIAO = re.compile(r"(?:^|\s)(?:[Gg]iao(?:\s+cho)?|[Dd]o)\s+(?=[A-ZĐÀ-Ỹ]|các\s)")
_CO_OPERATE = re.compile(r"chủ trì,?\s+(?:và\s+)?phối hợp\s+(?:chặt chẽ\s+)?với\s+", re.IGNORECASE)
_ENFORCEMENT = re.compile(r"\schịu trách nhiệm thi hành\b")
_COMPOUND_BODIES = re.compile(r"(HĐND|Hội đồng nhân dân) và (UBND|Ủy ban nhân dân|Uỷ ban nhân dân)")
_LABELLED = re.compile(
    r"^(?:Đơn vị|Cơ quan|Bộ phận)?\s*(?P<role>chủ trì|phối hợp)(?:\s+thực hiện)?\s*:"
    r"\s*(?P<units>.+)$",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"^(?:(?:Đề nghị|Yêu cầu|Giao(?:\s+cho)?|Đối với|Riêng)\s+)?"
    r"(?:(?:các\s+)?(?:đồng chí|ông,?\s+bà)\s+)?",
    re.IGNORECASE,
)
_CITING_PREFIX = re.compile(r"^Căn cứ\s+[^,]{0,120}?\d[^,]{0,80},\s+")
_GENERIC = re.compile(
    r"^(?:(?:Thủ trưởng|Người đứng đầu|Lãnh đạo|Cán bộ|thủ trưởng|người đứng đầu)\s+)?"
    r"(?:[Cc]ác|[Nn]hững)\s+(?:cấp|cơ quan|đơn vị|địa phương|ngành|phòng|cá nhân|tập thể|"
    r"chính quyền)\b|\bcác cấp\b|^(?:Thủ trưởng|Người đứng đầu|Lãnh đạo)\s+(?:cơ quan|đơn vị)\b"
    r"|^(?:[Cc]ơ quan|[Đđ]ơn vị)\b"
)
_TCTH = re.compile(r"tổ chức thực hiện|phân công|trách nhiệm thực hiện|giao nhiệm vụ", re.I)
_AIMS = re.compile(r"mục đích|yêu cầu|quan điểm", re.I)
_PAST = re.compile(
    r"kết quả|thực trạng|tình hình|sự cần thiết|cơ sở|tồn tại|hạn chế|nguyên nhân", re.I
)
_SPLIT_COMMA = re.compile(r",\s+(?=(?:" + _HEADS + r")\b)")
_SPLIT_AND = re.compile(r"\s+và\s+(?=(?:" + _HEADS + r")\b|" + _PLURAL + ")")
_SPLIT_COMMA_PLURAL = re.compile(r",\s+(?=" + _PLURAL + ")")
_OPEN_LIST = re.compile(r"(?:phối hợp với|[Gg]iao|đề nghị|yêu cầu|gửi đến|gửi tới|:)\s+")
_LEVEL_WORDS = r"(?:tỉnh|huyện|xã|phường|quận|thị xã|thị trấn|thành phố)"
_LOCALITY_END = re.compile(r"\s" + _LEVEL_WORDS + r"(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)+$")
_HAS_LEVEL = re.compile(r"\b" + _LEVEL_WORDS + r"\b|\b(?:Việt Nam|VN)\s+\w+$|Trung ương")
_PLURAL_ADDRESS = re.compile(r"^(?:(?!\bcủa\b)\S+\s+){1,6}các\s")
_TITLE_PREFIX = re.compile(r"^(?:các\s+)?(?:ông,?\s+bà|đồng chí)\s+", re.IGNORECASE)


# '..., Trưởng các thôn và Nhân dân tham gia': the people close a list of bodies, not a body.
_PEOPLE_AT_END = re.compile(
    r"(?:,|\s+và)\s+(?:toàn thể\s+|đông đảo\s+|các tầng lớp\s+)?[Nn]hân dân(?:\s+\S+){0,4}\s*$"
)


def is_generic(unit: str) -> bool:
    """'các cơ quan, đơn vị', 'Thủ trưởng các phòng...': an address to everyone concerned."""
    return bool(_GENERIC.search(unit))


def split_units(text: str) -> list[str]:
    """Split an enumeration of units: at ';', and at ',' or 'và' before a new body's name."""
    units: list[str] = []
    text = _PEOPLE_AT_END.sub("", text)
    text = _COMPOUND_BODIES.sub(lambda m: f"{m.group(1)}\u2060và\u2060{m.group(2)}", text)
    for part in re.split(r";\s*", text):
        part = part.strip(" ,.:")
        if not part:
            continue
        if re.match(r"^các cấp\b", part, re.IGNORECASE):
            units.append(part)  # 'các cấp ủy đảng, chính quyền, Mặt trận...': one address
            continue
        pieces = _SPLIT_COMMA.split(part)
        group: list[str] = []
        for piece in pieces:
            specific = bool(_UNIT_START.match(piece)) and not is_generic(piece)
            sub = (
                _SPLIT_COMMA_PLURAL.split(piece)
                if specific
                and not re.match(
                    r"^(?:Thủ trưởng|Chủ tịch|Giám đốc|Lãnh đạo|Người đứng đầu)", piece
                )
                else [piece]
            )
            for item in sub:
                group.extend(u.strip(" ,.:") for u in _SPLIT_AND.split(item) if u.strip(" ,.:"))
        units.extend(_share_locality(group))
    units = [_TITLE_PREFIX.sub("", unit).replace("\u2060", " ") for unit in units]
    return [unit for unit in units if _UNIT_START.match(unit)]


def _share_locality(units: list[str]) -> list[str]:
    """'TTUBMTTQ Việt Nam, các tổ chức hội phường Đức Xuân': the place ends the whole list."""
    place = _LOCALITY_END.search(units[-1]) if len(units) > 1 else None
    if place is None:
        return units
    return [
        unit if _HAS_LEVEL.search(unit) or is_generic(unit) else f"{unit} {place.group(0).strip()}"
        for unit in units[:-1]
    ] + [units[-1]]


def parse_subject(text: str) -> tuple[list[str], str] | None:
    """Units that open `text` and the predicate after them, or None."""
    text = _CITING_PREFIX.sub("", text.strip())
    text = _PREFIX.sub("", text)
    if not _UNIT_START.match(text):
        return None
    named = _NAMED_BY_WORK.match(text)
    verb = _VERB.search(text, named.end() if named else 0)
    stop = re.search(r"[:(]", text)
    end = min(m.start() for m in (verb, stop) if m is not None) if (verb or stop) else None
    if end is None:
        end = len(text.rstrip(" .;,"))
    if end > 220:
        return None
    units = split_units(text[:end])
    if not units:
        return None
    return units, text[end:].strip(" :")


def _role_from_predicate(predicate: str, plural: bool = False) -> Role | None:
    first_verb = _VERB.search(" " + predicate)
    lead_in = predicate[: first_verb.start()] if first_verb else ""
    if lead_in.startswith(("trong phạm vi", "trong phạm vị", "theo chức năng")) and first_verb:
        predicate = predicate[first_verb.start() :]
    if _NOT_TASK_VERB.match(predicate) or _PREPOSITION_START.match(predicate):
        return None
    if _OWN_PLAN.match(predicate) and not plural:
        return None
    if _SUPPORT_VERB.match(predicate) or re.match(
        r"^trong phạm v\w+[^,;]{0,80}?\s(?:tham gia|phối hợp)\b", predicate
    ):
        return "support"
    if _ALL_VERB.match(predicate) or predicate.startswith("chịu trách nhiệm thi hành"):
        return "all"
    return "lead"


def _subject_clauses(sentence: str) -> list[str]:
    """The sentence, then each later ';' clause that opens with a unit of its own."""
    clauses = [sentence]
    parts = sentence.split(";")
    for index in range(1, len(parts)):
        clause = parts[index].strip()
        if _UNIT_START.match(_PREFIX.sub("", clause)) and _VERB.search(clause):
            previous = parts[index - 1]
            openers = list(_OPEN_LIST.finditer(previous))
            opener = openers[-1] if openers else None
            if not _VERB.search(" " + previous) or (
                opener is not None and not _VERB.search(" " + previous[opener.end() :])
            ):
                continue  # the clause goes on a list of units begun before it
            if parse_subject(clause):
                clauses.append(clause)
    return clauses


def _names_several_bodies(sentence: str) -> bool:
    """A sentence whose subject lists two or more named bodies or posts before its verb
    ('UBMTTQ xã, các đoàn thể, Trưởng các thôn và Nhân dân tham gia giám sát'): an assignment
    wherever it stands in an item."""
    subject = parse_subject(sentence)
    if subject is None:
        return False
    units, predicate = subject
    specific = [
        unit
        for unit in units
        if not is_generic(unit) and not re.match(r"^(?:các|những)\s", unit, re.IGNORECASE)
    ]
    return len(specific) >= 2 and bool(re.match(r"^(?:" + _VERBS + r")\b", predicate))


def _section_label(block: Block, node: Node | None = None) -> str:
    return " ".join(item.marker for item in (node or block.node).path()) or ""


class _Collector:
    def __init__(self) -> None:
        self.items: list[Assignment] = []
        self._seen: set[tuple[str, str, str]] = set()

    def add(self, unit: str, role: Role, task: str, block: Block, node: Node | None = None) -> None:
        unit = unit.strip(" ,.;:")
        if not unit or len(unit) > 90:
            return
        section = _section_label(block, node)
        key = (unit.lower(), role, section)
        if key in self._seen:
            return
        self._seen.add(key)
        self.items.append(
            Assignment(unit=unit, role=role, task=task.strip()[:400], section=section or None)
        )


def _heading_units(block: Block) -> list[str] | None:
    """Units when an item's heading is nothing but a list of units ('2. Sở Tài chính:')."""
    title = block.text.strip()
    inline = re.match(r"^(?P<units>[^:]{3,160}):\s*(?P<task>\S.*)$", title)
    candidate = inline.group("units") if inline else title
    candidate = _PREFIX.sub("", candidate.rstrip(" .:"))
    if (
        not _UNIT_START.match(candidate)
        or len(candidate) > 180
        or _VERB.search(" " + candidate + " ")
    ):
        return None
    if not inline and title.endswith(".") and len(title) > 100:
        return None
    units = split_units(candidate)
    return units or None


def extract_assignments(blocks: Iterable[Block], has_sections: bool) -> list[Assignment]:
    """Assignments from the body blocks (paragraphs with their place in the section tree)."""
    out = _Collector()
    heading_units: dict[int, tuple[list[str], bool, Node]] = {}
    for block in blocks:
        headings = block.headings
        if any(_PAST.search(h) and not _TCTH.search(h) for h in headings):
            continue
        in_tcth = any(_TCTH.search(h) for h in headings)
        in_aims = any(_AIMS.search(h) for h in headings) and not in_tcth
        in_article = any(node.kind == "article" for node in block.node.path())
        text = block.text

        # An item headed by units: its own text and its children's are their tasks.
        if block.is_item_start:
            units = _heading_units(block)
            if units:
                generic = all(is_generic(u) for u in units)
                heading_units[id(block.node)] = (units, generic, block.node)
                inline = re.match(r"^[^:]{3,160}:\s*(?P<task>\S.*)$", text)
                if inline:
                    role: Role | None = _role_from_predicate(
                        inline.group("task")[:1].lower() + inline.group("task")[1:]
                    )
                    for unit in units:
                        out.add(
                            unit, "all" if generic else role or "lead", inline.group("task"), block
                        )
                continue
        owner = None
        cursor: Node | None = block.node
        while cursor is not None:
            if id(cursor) in heading_units:
                owner = heading_units[id(cursor)]
                break
            cursor = cursor.parent
        if owner is not None and text and not (block.is_item_start and _heading_units(block)):
            units, generic, owner_node = owner
            first = text[:1].lower() + text[1:]
            role = "all" if generic else ("support" if _SUPPORT_VERB.match(first) else "lead")
            for unit in units:
                out.add(unit, role, text, block, owner_node)

        for number, sentence in enumerate(_STATEMENT_END.split(text)):
            labelled = _LABELLED.match(sentence.lstrip("-+• "))
            if labelled:
                role = "lead" if labelled.group("role").lower() == "chủ trì" else "support"
                for unit in split_units(labelled.group("units")):
                    out.add(unit, role, sentence, block)
                continue
            if _ENFORCEMENT.search(sentence):
                enforced = parse_subject(sentence)
                if enforced:
                    for unit in enforced[0]:
                        out.add(unit, "all", enforced[1], block)
                    continue
            at_root = block.node.parent is None
            self_subject = (
                in_tcth
                or in_article
                or ((block.is_item_start or at_root) and number == 0)
                or _names_several_bodies(sentence)
            )
            for clause in _subject_clauses(sentence) if self_subject else []:
                subject = parse_subject(clause)
                if not subject:
                    continue
                units, predicate = subject
                if not (in_tcth or in_article) and all(is_generic(u) for u in units):
                    continue
                bare = re.sub(r"^\([^)]*\)\s*", "", predicate)
                if not _VERB.match(" " + bare) and not _VERB.search(" " + bare[:1]):
                    if not re.match(r"^(?:" + _VERBS + r")\b", bare):
                        continue
                role = _role_from_predicate(
                    bare, plural=all(_PLURAL_SUBJECT.search(u) for u in units)
                )
                if role is None:
                    continue
                if (
                    role == "support"
                    and bare.startswith("phối hợp với")
                    and not re.match(r"^(?:Đề nghị|đề nghị)", clause)
                ):
                    role = "lead"  # its own task, carried out together with others
                plural = any(_PLURAL_ADDRESS.search(u) for u in units)
                if in_aims or (
                    not block.is_item_start and not in_tcth and plural and role == "lead"
                ):
                    role = "all"
                if all(is_generic(u) for u in units) and role == "lead":
                    role = "all"
                for unit in units:
                    out.add(unit, role, predicate, block)
            for match in _GIAO.finditer(sentence):
                given = parse_subject(sentence[match.end() :])
                if given and re.match(r"^(?:" + _VERBS + r")\b", given[1]):
                    units, predicate = given
                    role = _role_from_predicate(predicate) or "lead"
                    for unit in units:
                        out.add(unit, "lead" if role == "all" else role, predicate, block)
            for match in _CO_OPERATE.finditer(sentence):
                partners = parse_subject(sentence[match.end() :])
                if partners:
                    for unit in partners[0]:
                        out.add(unit, "support", sentence, block)
            for match in _ADDRESS.finditer(sentence):
                if match.start() == 0:
                    continue
                addressed = parse_subject(sentence[match.end() :])
                if addressed:
                    units, predicate = addressed
                    role = _role_from_predicate(predicate)
                    if role is None:
                        continue
                    if role != "support" and match.group(0).strip().lower().startswith("gửi"):
                        continue
                    for unit in units:
                        out.add(unit, "support" if role == "support" else "all", predicate, block)
    return out.items
