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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danvan.core import verification
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
# Messages raised from several places (translated when raised).
ALREADY_ANSWERED = gettext_noop(
    "This survey was already answered from this device or phone number. Each person answers "
    "once; thank you for your opinion."
)
FROZEN = gettext_noop(
    "The survey already has answers, so its questions can no longer be changed. Make a new "
    "edition of the survey to change them."
)
DUPLICATE_CODE = gettext_noop("The question code «%(code)s» is used twice.")
PHONE_NOT_VERIFIED = gettext_noop(
    "This survey asks for a verified phone: enter your phone number and the code sent to it "
    "before sending your answers."
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
            _("Invalid kind of question (single choice, multiple choice, 1–5 scale, free text).")
        )
    text = str(spec.get("text") or "").strip()
    if not text:
        raise UserError(_("The text of the question is missing."))
    choices = [str(c).strip() for c in spec.get("choices") or [] if str(c).strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
        raise UserError(
            _("The question «%(text)s» needs at least two choices.") % {"text": text[:80]}
        )
    labels = [str(c).strip() for c in spec.get("scale_labels") or [] if str(c).strip()]
    if kind == QuestionKind.SCALE and labels and len(labels) != 5:
        raise UserError(
            _("The question «%(text)s» needs the 5 levels of the scale, one a line.")
            % {"text": text[:80]}
        )
    code = str(spec.get("code") or "").strip()
    if not re.fullmatch(r"[a-z0-9_-]{1,30}", code):
        raise UserError(
            _(
                "A question's code has only lower-case letters without accents, digits and "
                "hyphens (at most 30 characters)."
            )
        )
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
            raise UserError(_("The aspect «%(aspect)s» is not in the list.") % {"aspect": aspect})
        group = QuestionGroup.objects.create(
            questionnaire=questionnaire,
            position=g_no,
            title=str(group_spec.get("title") or "").strip()[:255] or f"Phần {g_no}",
            aspect=aspect,
        )
        for q_no, spec in enumerate(group_spec.get("questions") or [], start=1):
            clean = _clean_question(spec)
            if clean["code"] in by_code:
                raise UserError(_(DUPLICATE_CODE) % {"code": clean["code"]})
            question = Question.objects.create(group=group, position=q_no, **clean)
            by_code[question.code] = question
            if spec.get("show_if"):
                pending.append((question, spec["show_if"]))
    for question, condition in pending:
        parent = by_code.get(str(condition.get("code")))
        if parent is None or parent.pk == question.pk:
            raise UserError(
                _("The condition of the question «%(text)s» points to no question.")
                % {"text": question.text[:80]}
            )
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
    phone_verification: bool = False,
    actor: Any,
) -> Questionnaire:
    _require(actor, Action.ADD, owner)
    title = (title or "").strip()
    if not title:
        raise UserError(_("The title of the survey is missing."))
    if not 2000 <= int(year) <= 2100:
        raise UserError(_("The year of the survey is not valid."))
    with transaction.atomic(), acting_as(actor):
        questionnaire = Questionnaire.objects.create(
            owner=owner,
            title=title[:255],
            year=year,
            template=template,
            basis=template.basis if template else "",
            intro=intro,
            for_petitions=for_petitions,
            phone_verification=phone_verification,
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
        raise UserError(_("The group of questions is not part of this survey."))
    clean = _clean_question(spec)
    with transaction.atomic(), acting_as(actor):
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if has_answers(locked):
            raise UserError(_(FROZEN))
        if Question.objects.filter(group__questionnaire=locked, code=clean["code"]).exists():
            raise UserError(_(DUPLICATE_CODE) % {"code": clean["code"]})
        position = group.questions.count() + 1
        return Question.objects.create(group=group, position=position, **clean)


def delete_question(question: Question, *, actor: Any) -> None:
    questionnaire = question.group.questionnaire
    _require(actor, Action.CHANGE, questionnaire.owner)
    with transaction.atomic(), acting_as(actor):
        if has_answers(Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)):
            raise UserError(_(FROZEN))
        question.delete()


def set_status(questionnaire: Questionnaire, status: str, version: Any, *, actor: Any) -> None:
    """Open a questionnaire for answers, or close it."""
    _require(actor, Action.CHANGE, questionnaire.owner)
    if status not in QuestionnaireStatus.values:
        raise UserError(_("This status does not exist."))
    with transaction.atomic(), acting_as(actor):
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        locked.check_version(version)
        if (
            status == QuestionnaireStatus.OPEN
            and not Question.objects.filter(group__questionnaire=locked).exists()
        ):
            raise UserError(_("The survey has no question yet and cannot be published."))
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
            phone_verification=old.phone_verification,
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
    return verification.normalise_mobile(raw)


# --- a verified phone (the kernel's one-time codes) --------------------------------------------


def phone_purpose(questionnaire: Questionnaire) -> str:
    return f"surveys.questionnaire:{questionnaire.pk}"


def _answered_by_phone(questionnaire: Questionnaire, phone: str) -> bool:
    return questionnaire.responses.filter(phone_hash=_digest("phone", phone)).exists()


def request_phone_code(
    questionnaire: Questionnaire, phone: str, *, client: str = "?", actor: Any
) -> str:
    """Send a one-time code to the respondent's phone; returns it (pages show it in DEBUG).

    A phone that already answered the questionnaire gets no code: it could not answer again.
    """
    if questionnaire.status != QuestionnaireStatus.OPEN:
        raise UserError(_("This questionnaire does not take answers at the moment."))
    number = normalise_phone(phone)
    if not number:
        raise UserError(_("Enter your phone number to receive the verification code."))
    if _answered_by_phone(questionnaire, number):
        raise UserError(_(ALREADY_ANSWERED))
    return verification.request_code(
        phone_purpose(questionnaire),
        number,
        subject=_("answering the survey"),
        client=client,
        email=False,
        actor=actor,
    )


def verify_phone_code(questionnaire: Questionnaire, phone: str, code: str, *, actor: Any) -> str:
    """The phone (0xxxxxxxxx) when ``code`` is the one sent to it for this questionnaire."""
    number = normalise_phone(phone)
    if not number:
        raise UserError(_("Enter your phone number to receive the verification code."))
    verification.verify_code(phone_purpose(questionnaire), number, code, email=False, actor=actor)
    return number


def _parse(question: Question, raw: Any) -> dict[str, Any] | None:
    """The stored value of one answer, or None when the citizen left it empty."""
    values = raw if isinstance(raw, list) else ([] if raw in (None, "") else [raw])
    values = [str(v).strip() for v in values if str(v).strip()]
    if not values:
        return None
    label = {"text": question.text[:80]}
    if question.kind == QuestionKind.SCALE:
        if len(values) != 1 or values[0] not in {"1", "2", "3", "4", "5"}:
            raise UserError(_("Question «%(text)s»: choose one level from 1 to 5.") % label)
        return {"scale": int(values[0])}
    if question.kind == QuestionKind.SINGLE:
        if len(values) != 1 or values[0] not in question.choices:
            raise UserError(_("Question «%(text)s»: choose one of the choices given.") % label)
        return {"choices": values}
    if question.kind == QuestionKind.MULTIPLE:
        if any(v not in question.choices for v in values):
            raise UserError(_("Question «%(text)s»: choose only among the choices given.") % label)
        return {"choices": sorted(set(values), key=question.choices.index)}
    text = " ".join(values)
    if len(text) > MAX_TEXT:
        raise UserError(
            _("Question «%(text)s»: at most %(n)s characters.") % {**label, "n": MAX_TEXT}
        )
    if "\x00" in text:
        raise UserError(_("Question «%(text)s»: a character is not allowed.") % label)
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
        raise UserError(_("This questionnaire does not take answers at the moment."))
    questions = ordered_questions(questionnaire)
    parsed: dict[int, dict[str, Any] | None] = {}
    for q in questions:
        parsed[q.pk] = _parse(q, answers.get(q.code))
    shown = visible_questions(questions, parsed)
    for q in shown:
        if q.required and parsed[q.pk] is None:
            raise UserError(
                _("Question «%(text)s» must be answered before sending.") % {"text": q.text[:80]}
            )
    if not any(parsed[q.pk] for q in shown):
        raise UserError(_("No question is answered yet."))
    number = normalise_phone(phone) if phone.strip() else ""
    if questionnaire.phone_verification and not (
        number and verification.is_verified(phone_purpose(questionnaire), number, email=False)
    ):
        raise UserError(_(PHONE_NOT_VERIFIED))
    phone_hash = _digest("phone", number) if number else ""
    device_hash = _digest("device", device_token) if device_token else ""
    petition_hash = _digest("petition", petition_code) if petition_code else ""
    if not (phone_hash or device_hash or petition_hash):
        raise UserError(
            _("The device could not be recognised; turn on the browser's cookies and try again.")
        )
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
                raise UserError(_(ALREADY_ANSWERED))
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
        raise UserError(_(ALREADY_ANSWERED)) from None
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
