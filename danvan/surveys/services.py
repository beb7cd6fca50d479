"""Domain operations of surveys: build a questionnaire (from a template), publish and close it,
freeze it once answered (a new edition instead), and take a citizen's answers.

Officials' writes run in one transaction as the acting official (audited). A citizen's answer is
checked whole before anything is written: a missing required answer, a value outside the
question's choices, or a second answer from the same device, phone or petition is refused with
a Vietnamese :class:`UserError` and nothing is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import Action, holds_at, permission_name
from danvan.orgs.models import OrgUnit

from .models import (
    Answer,
    Aspect,
    Question,
    QuestionGroup,
    QuestionKind,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    ResponseSource,
    SurveyTemplate,
)

MAX_TEXT = 2000
ALREADY_ANSWERED = (
    "Phiếu khảo sát này đã được trả lời từ thiết bị hoặc số điện thoại này. "
    "Mỗi người chỉ trả lời một lần; xin cảm ơn ý kiến của bạn."
)
FROZEN = (
    "Phiếu khảo sát đã có người trả lời nên không sửa câu hỏi được nữa. "
    "Hãy tạo phiên bản mới của phiếu để thay đổi câu hỏi."
)


def can(actor: Any, action: str, unit: OrgUnit) -> bool:
    return holds_at(actor, permission_name(Questionnaire, action), unit)


def _require(actor: Any, action: str, unit: OrgUnit) -> None:
    if not can(actor, action, unit):
        raise PermissionDenied


# --- building questionnaires ------------------------------------------------------------------


def _clean_question(spec: Mapping[str, Any]) -> dict[str, Any]:
    kind = spec.get("kind")
    if kind not in QuestionKind.values:
        raise UserError(
            "Loại câu hỏi không hợp lệ (một lựa chọn, nhiều lựa chọn, thang 1–5, tự do)."
        )
    text = str(spec.get("text") or "").strip()
    if not text:
        raise UserError("Thiếu nội dung câu hỏi.")
    choices = [str(c).strip() for c in spec.get("choices") or [] if str(c).strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
        raise UserError(f"Câu hỏi «{text[:80]}» cần ít nhất hai phương án trả lời.")
    labels = [str(c).strip() for c in spec.get("scale_labels") or [] if str(c).strip()]
    if kind == QuestionKind.SCALE and labels and len(labels) != 5:
        raise UserError(f"Câu hỏi «{text[:80]}» cần đủ 5 mức của thang điểm, mỗi mức một dòng.")
    code = str(spec.get("code") or "").strip()
    if not re.fullmatch(r"[a-z0-9_-]{1,30}", code):
        raise UserError("Mã câu hỏi chỉ gồm chữ thường không dấu, số, gạch (tối đa 30 ký tự).")
    return {
        "code": code,
        "text": text[:500],
        "kind": kind,
        "required": bool(spec.get("required", True)),
        "choices": choices,
        "scale_labels": labels,
    }


def _build(questionnaire: Questionnaire, definition: Mapping[str, Any]) -> None:
    """Create the groups and questions of ``definition`` (the template shape)."""
    by_code: dict[str, Question] = {}
    pending: list[tuple[Question, Mapping[str, Any]]] = []
    for g_no, group_spec in enumerate(definition.get("groups") or [], start=1):
        aspect = group_spec.get("aspect") or Aspect.OTHER
        if aspect not in Aspect.values:
            raise UserError(f"Khía cạnh «{aspect}» không có trong danh mục.")
        group = QuestionGroup.objects.create(
            questionnaire=questionnaire,
            position=g_no,
            title=str(group_spec.get("title") or "").strip()[:255] or f"Phần {g_no}",
            aspect=aspect,
        )
        for q_no, spec in enumerate(group_spec.get("questions") or [], start=1):
            clean = _clean_question(spec)
            if clean["code"] in by_code:
                raise UserError(f"Mã câu hỏi «{clean['code']}» bị trùng.")
            question = Question.objects.create(group=group, position=q_no, **clean)
            by_code[question.code] = question
            if spec.get("show_if"):
                pending.append((question, spec["show_if"]))
    for question, condition in pending:
        parent = by_code.get(str(condition.get("code")))
        if parent is None or parent.pk == question.pk:
            raise UserError(f"Điều kiện của câu «{question.text[:80]}» chỉ tới câu không có.")
        question.show_if = parent
        question.show_if_values = [str(v) for v in condition.get("values") or []]
        question.save(update_fields=["show_if", "show_if_values"])


def definition_of(questionnaire: Questionnaire) -> dict[str, Any]:
    """The questionnaire's questions in the template shape (to copy into a new edition)."""
    groups = []
    for group in questionnaire.groups.prefetch_related("questions__show_if").order_by("position"):
        questions = []
        for q in group.questions.order_by("position", "id"):
            spec: dict[str, Any] = {
                "code": q.code,
                "text": q.text,
                "kind": q.kind,
                "required": q.required,
                "choices": q.choices,
                "scale_labels": q.scale_labels,
            }
            if q.show_if_id:
                spec["show_if"] = {"code": q.show_if.code, "values": q.show_if_values}  # type: ignore[union-attr]
            questions.append(spec)
        groups.append({"title": group.title, "aspect": group.aspect, "questions": questions})
    return {"groups": groups}


def create_questionnaire(
    owner: OrgUnit,
    *,
    title: str,
    year: int,
    template: SurveyTemplate | None = None,
    intro: str = "",
    for_petitions: bool = False,
    actor: Any,
) -> Questionnaire:
    _require(actor, Action.ADD, owner)
    title = (title or "").strip()
    if not title:
        raise UserError("Thiếu tên phiếu khảo sát.")
    if not 2000 <= int(year) <= 2100:
        raise UserError("Năm khảo sát không hợp lệ.")
    with transaction.atomic(), acting_as(actor):
        questionnaire = Questionnaire.objects.create(
            owner=owner,
            title=title[:255],
            year=year,
            template=template,
            basis=template.basis if template else "",
            intro=intro,
            for_petitions=for_petitions,
        )
        if template is not None:
            _build(questionnaire, template.definition)
    return questionnaire


def has_answers(questionnaire: Questionnaire) -> bool:
    return questionnaire.responses.exists()


def add_question(
    questionnaire: Questionnaire, group: QuestionGroup, spec: Mapping[str, Any], *, actor: Any
) -> Question:
    """Add one question to a group; refused once the questionnaire has answers."""
    _require(actor, Action.CHANGE, questionnaire.owner)
    if group.questionnaire_id != questionnaire.pk:
        raise UserError("Nhóm câu hỏi không thuộc phiếu này.")
    clean = _clean_question(spec)
    with transaction.atomic(), acting_as(actor):
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if has_answers(locked):
            raise UserError(FROZEN)
        if Question.objects.filter(group__questionnaire=locked, code=clean["code"]).exists():
            raise UserError(f"Mã câu hỏi «{clean['code']}» bị trùng.")
        position = group.questions.count() + 1
        return Question.objects.create(group=group, position=position, **clean)


def delete_question(question: Question, *, actor: Any) -> None:
    questionnaire = question.group.questionnaire
    _require(actor, Action.CHANGE, questionnaire.owner)
    with transaction.atomic(), acting_as(actor):
        if has_answers(Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)):
            raise UserError(FROZEN)
        question.delete()


def set_status(questionnaire: Questionnaire, status: str, version: Any, *, actor: Any) -> None:
    """Open a questionnaire for answers, or close it."""
    _require(actor, Action.CHANGE, questionnaire.owner)
    if status not in QuestionnaireStatus.values:
        raise UserError("Trạng thái không hợp lệ.")
    with transaction.atomic(), acting_as(actor):
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        locked.check_version(version)
        if (
            status == QuestionnaireStatus.OPEN
            and not Question.objects.filter(group__questionnaire=locked).exists()
        ):
            raise UserError("Phiếu chưa có câu hỏi nào, chưa thể công bố.")
        locked.status = status
        locked.bump_version()
        locked.save(update_fields=["status", "version", "updated_at"])


def new_edition(questionnaire: Questionnaire, *, actor: Any) -> Questionnaire:
    """A new version with the same questions (editable), the old one closed."""
    _require(actor, Action.ADD, questionnaire.owner)
    definition = definition_of(questionnaire)
    with transaction.atomic(), acting_as(actor):
        old = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        copy = Questionnaire.objects.create(
            owner=old.owner,
            title=old.title,
            intro=old.intro,
            template=old.template,
            basis=old.basis,
            year=old.year,
            edition=old.edition + 1,
            previous=old,
            for_petitions=old.for_petitions,
        )
        _build(copy, definition)
        if old.status != QuestionnaireStatus.CLOSED:
            old.status = QuestionnaireStatus.CLOSED
            old.bump_version()
            old.save(update_fields=["status", "version", "updated_at"])
    return copy


# --- a citizen answers --------------------------------------------------------------------------


def _digest(kind: str, value: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"surveys:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def normalise_phone(raw: str) -> str:
    """A Vietnamese mobile number as 0xxxxxxxxx, or "" when none was given."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if not digits:
        return ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0[35789]\d{8}", digits):
        raise UserError("Số điện thoại không hợp lệ (10 chữ số, ví dụ 0912345678).")
    return digits


def _parse(question: Question, raw: Any) -> dict[str, Any] | None:
    """The stored value of one answer, or None when the citizen left it empty."""
    values = raw if isinstance(raw, list) else ([] if raw in (None, "") else [raw])
    values = [str(v).strip() for v in values if str(v).strip()]
    if not values:
        return None
    label = f"Câu «{question.text[:80]}»"
    if question.kind == QuestionKind.SCALE:
        if len(values) != 1 or values[0] not in {"1", "2", "3", "4", "5"}:
            raise UserError(f"{label}: chọn một mức từ 1 đến 5.")
        return {"scale": int(values[0])}
    if question.kind == QuestionKind.SINGLE:
        if len(values) != 1 or values[0] not in question.choices:
            raise UserError(f"{label}: chọn một trong các phương án đã cho.")
        return {"choices": values}
    if question.kind == QuestionKind.MULTIPLE:
        if any(v not in question.choices for v in values):
            raise UserError(f"{label}: chỉ chọn trong các phương án đã cho.")
        return {"choices": sorted(set(values), key=question.choices.index)}
    text = " ".join(values)
    if len(text) > MAX_TEXT:
        raise UserError(f"{label}: tối đa {MAX_TEXT} ký tự.")
    if "\x00" in text:
        raise UserError(f"{label}: có ký tự không hợp lệ.")
    return {"text": text}


def _as_strings(parsed: dict[str, Any] | None) -> set[str]:
    if not parsed:
        return set()
    if "scale" in parsed:
        return {str(parsed["scale"])}
    return set(parsed.get("choices") or [])


def visible_questions(
    questions: list[Question], parsed: dict[int, dict[str, Any] | None]
) -> list[Question]:
    """The questions shown given the answers so far (a condition on a hidden question hides)."""
    shown: list[Question] = []
    shown_ids: set[int] = set()
    for q in questions:
        if q.show_if_id is not None:
            if q.show_if_id not in shown_ids:
                continue
            if not (_as_strings(parsed.get(q.show_if_id)) & set(q.show_if_values)):
                continue
        shown.append(q)
        shown_ids.add(q.pk)
    return shown


def ordered_questions(questionnaire: Questionnaire) -> list[Question]:
    return list(
        Question.objects.filter(group__questionnaire=questionnaire)
        .select_related("group")
        .order_by("group__position", "position", "id")
    )


def submit_response(
    questionnaire: Questionnaire,
    answers: Mapping[str, Any],
    *,
    device_token: str = "",
    phone: str = "",
    petition_code: str = "",
    actor: Any,
) -> Response:
    """Store one citizen's answers (``answers`` maps question codes to values).

    ``actor`` is the person answering: :data:`~danvan.core.actors.CITIZEN` from the public
    survey page (no account), or ``SYSTEM`` from the demo.
    """
    if questionnaire.status != QuestionnaireStatus.OPEN:
        raise UserError("Phiếu khảo sát này hiện không nhận câu trả lời.")
    questions = ordered_questions(questionnaire)
    parsed: dict[int, dict[str, Any] | None] = {}
    for q in questions:
        parsed[q.pk] = _parse(q, answers.get(q.code))
    shown = visible_questions(questions, parsed)
    for q in shown:
        if q.required and parsed[q.pk] is None:
            raise UserError(f"Câu «{q.text[:80]}» là câu bắt buộc, xin trả lời trước khi gửi.")
    if not any(parsed[q.pk] for q in shown):
        raise UserError("Phiếu chưa có câu trả lời nào.")
    phone_hash = _digest("phone", normalise_phone(phone)) if phone.strip() else ""
    device_hash = _digest("device", device_token) if device_token else ""
    petition_hash = _digest("petition", petition_code) if petition_code else ""
    if not (phone_hash or device_hash or petition_hash):
        raise UserError("Không xác định được thiết bị; hãy bật cookie của trình duyệt rồi thử lại.")
    taken = Q()
    for field, value in (
        ("device_hash", device_hash),
        ("phone_hash", phone_hash),
        ("petition_hash", petition_hash),
    ):
        if value:
            taken |= Q(**{field: value})
    try:
        with transaction.atomic():
            if questionnaire.responses.filter(taken).exists():
                raise UserError(ALREADY_ANSWERED)
            response = Response.objects.create(
                questionnaire=questionnaire,
                submitted_at=timezone.now(),
                source=ResponseSource.PETITION if petition_code else ResponseSource.LINK,
                device_hash=device_hash,
                phone_hash=phone_hash,
                petition_hash=petition_hash,
            )
            Answer.objects.bulk_create(
                Answer(response=response, question=q, **parsed[q.pk])  # type: ignore[arg-type]
                for q in shown
                if parsed[q.pk]
            )
    except IntegrityError:
        # Two answers from one device at the same instant: the constraint keeps one.
        raise UserError(ALREADY_ANSWERED) from None
    return response


def petition_survey(petition: Any) -> Questionnaire | None:
    """The open «rate this service» questionnaire of the unit that answered ``petition``."""
    return (
        Questionnaire.objects.filter(
            owner_id=petition.handling_unit_id,
            for_petitions=True,
            status=QuestionnaireStatus.OPEN,
        )
        .order_by("-year", "-edition")
        .first()
    )
