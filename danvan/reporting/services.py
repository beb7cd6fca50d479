"""Domain operations of reporting: define forms, fill in, submit, review, unlock.

Every write runs in one transaction as the acting user (audited) and raises
:class:`~danvan.core.errors.UserError` with a Vietnamese message for bad input, writing nothing.
Submissions carry a ``version``: a save or a review sends the version it read and a stale one is
refused, so two officials editing one report never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import scope_roots, subtree_upper_bound
from danvan.orgs.models import OrgUnit

from . import expressions, sources
from .models import (
    DataElement,
    DataValue,
    FormSection,
    Indicator,
    NarrativeText,
    ReportForm,
    Submission,
    SubmissionStatus,
    ValidationRule,
    ValueType,
)
from .periods import Period, period_for

MAX_VALUE = Decimal("99999999999999")
YES = {"1", "có", "co", "yes", "true", "x", "đạt"}
NO = {"0", "không", "khong", "no", "false"}


class ValuesInvalid(UserError):
    """Some values are wrong; ``errors`` maps element codes ("" for the whole form) to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


# --- Permissions ---------------------------------------------------------------------------------


def covers(user: Any, permission: str, unit: OrgUnit) -> bool:
    """Whether ``user`` holds ``permission`` at ``unit`` (directly or through a subtree grant)."""
    roots = scope_roots(user, permission)
    if roots is None:
        return True
    for root in roots:
        if root.unit_id == unit.pk:
            return True
        if root.include_subtree and root.path <= unit.path < subtree_upper_bound(root.path):
            return True
    return False


def can_fill(user: Any, submission_unit: OrgUnit) -> bool:
    return covers(user, "reporting.change_submission", submission_unit)


def can_review(user: Any, submission: Submission) -> bool:
    """The recipient's officials review: approve permission at the unit and at the recipient."""
    return covers(user, "reporting.approve_submission", submission.unit) and covers(
        user, "reporting.approve_submission", submission.form.recipient
    )


def can_unlock(user: Any, submission: Submission) -> bool:
    """Only administrators (system_admin role over the unit, or superusers) unlock."""
    if getattr(user, "is_superuser", False):
        return True
    from danvan.accounts.models import RoleAssignment

    for assignment in (
        RoleAssignment.objects.filter(user_id=user.pk, role__code="system_admin")
        .current()
        .select_related("org_unit")
    ):
        path = assignment.org_unit.path
        if assignment.org_unit_id == submission.unit_id or (
            assignment.include_subtree and path <= submission.unit.path < subtree_upper_bound(path)
        ):
            return True
    return False


# --- Form definitions ----------------------------------------------------------------------------


@dataclass
class ElementSpec:
    code: str
    name: str
    value_type: str = ValueType.INTEGER
    aggregation: str = "sum"
    group: str = ""
    unit_label: str = ""
    comment_when_missing: bool = False
    source: str = ""  # a code of danvan.reporting.sources, e.g. "petitions.received"


@dataclass
class FormSpec:
    code: str
    name: str
    owner: OrgUnit
    recipient: OrgUnit
    assigned_root: OrgUnit | None
    period_type: str
    assigned_kinds: list[str] = field(default_factory=list)
    description: str = ""
    legal_basis: str = ""
    cutoff_day: int | None = None
    due_days: int | None = None
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # code, title, guidance
    elements: list[ElementSpec] = field(default_factory=list)
    rules: list[tuple[str, str, str, str]] = field(default_factory=list)  # left, op, right, msg
    indicators: list[tuple[str, str, str, str]] = field(default_factory=list)  # code, name, n, d


def define_form(spec: FormSpec, actor: Any = None) -> ReportForm:
    """Create a form with its sections, elements, rules and indicators (refused if it exists).

    An element's ``source`` must be a registered data source (nguồn số liệu từ hệ thống).
    """
    if ReportForm.objects.filter(code=spec.code).exists():
        raise UserError(f"Đã có biểu mẫu mã «{spec.code}».")
    codes = [e.code for e in spec.elements]
    if len(set(codes)) != len(codes):
        raise UserError("Mã chỉ tiêu bị trùng trong biểu mẫu.")
    for element in spec.elements:
        try:
            sources.check_code(element.source)
        except UserError as exc:
            raise UserError(f"Chỉ tiêu «{element.code}»: {exc.message}") from None
    for left, _op, right, _msg in spec.rules:
        unknown = (expressions.names(left) | expressions.names(right)) - set(codes)
        if unknown:
            raise UserError(f"Quy tắc kiểm tra dùng mã chỉ tiêu không có: {', '.join(unknown)}.")
    for _code, _name, numerator, denominator in spec.indicators:
        unknown = (expressions.names(numerator) | expressions.names(denominator)) - set(codes)
        if unknown:
            raise UserError(f"Chỉ số dùng mã chỉ tiêu không có: {', '.join(unknown)}.")
    with transaction.atomic(), acting_as(actor):
        form = ReportForm.objects.create(
            code=spec.code, name=spec.name, description=spec.description, owner=spec.owner,
            recipient=spec.recipient, assigned_root=spec.assigned_root,
            period_type=spec.period_type, assigned_kinds=spec.assigned_kinds,
            legal_basis=spec.legal_basis, cutoff_day=spec.cutoff_day, due_days=spec.due_days,
        )  # fmt: skip
        for order, (code, title, guidance) in enumerate(spec.sections):
            FormSection.objects.create(
                form=form, code=code, title=title, guidance=guidance, order=order
            )
        for order, e in enumerate(spec.elements):
            DataElement.objects.create(
                form=form, code=e.code, name=e.name, value_type=e.value_type,
                aggregation=e.aggregation, group=e.group, unit_label=e.unit_label,
                comment_when_missing=e.comment_when_missing, order=order, source=e.source,
            )  # fmt: skip
        for left, op, right, message in spec.rules:
            ValidationRule.objects.create(
                form=form, left=left, operator=op, right=right, message=message
            )
        for code, name, numerator, denominator in spec.indicators:
            Indicator.objects.create(
                form=form, code=code, name=name, numerator=numerator, denominator=denominator
            )
    return form


# --- Values and validation -----------------------------------------------------------------------


def parse_value(element: DataElement, raw: Any) -> Decimal | None:
    """The value typed for ``element`` as a Decimal (None when empty); UserError when wrong."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raw = "1" if raw else "0"
    if isinstance(raw, Decimal | int | float):
        raw = format(Decimal(str(raw)).normalize(), "f")
    text = str(raw).strip().replace(" ", "")
    if text == "":
        return None
    if element.value_type == ValueType.YES_NO:
        lowered = text.lower()
        if lowered in YES:
            return Decimal(1)
        if lowered in NO:
            return Decimal(0)
        raise UserError(f"«{element.name}»: chọn Có hoặc Không.")
    text = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise UserError(f"«{element.name}»: «{raw}» không phải là số.") from None
    if not value.is_finite():
        raise UserError(f"«{element.name}»: «{raw}» không phải là số.")
    if value < 0:
        raise UserError(f"«{element.name}»: không được là số âm.")
    if value > MAX_VALUE:
        raise UserError(f"«{element.name}»: số quá lớn.")
    if element.value_type == ValueType.INTEGER and value != value.to_integral_value():
        raise UserError(f"«{element.name}»: phải là số nguyên.")
    if element.value_type == ValueType.PERCENTAGE and value > 100:
        raise UserError(f"«{element.name}»: tỷ lệ phần trăm không được vượt quá 100.")
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        raise UserError(f"«{element.name}»: tối đa 4 chữ số sau dấu thập phân.")
    return value


_COMPARE = {
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def check_rules(form: ReportForm, values: Mapping[str, Decimal | None]) -> dict[str, str]:
    """Broken validation rules, keyed by the first element code on their left side."""
    errors: dict[str, str] = {}
    for rule in form.rules.all():
        try:
            left = expressions.evaluate(rule.left, values)
            right = expressions.evaluate(rule.right, values)
        except expressions.MissingValue:
            continue
        if not _COMPARE[rule.operator](left, right):
            key = sorted(expressions.names(rule.left))[0] if expressions.names(rule.left) else ""
            errors.setdefault(key, rule.message)
    return errors


def validate(
    form: ReportForm,
    raw_values: Mapping[str, Any],
    comments: Mapping[str, str] | None = None,
    *,
    final: bool = False,
    elements: Iterable[DataElement] | None = None,
) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    """Parse and check a whole form's values; returns (values, errors by element code).

    ``final`` adds the checks of a submission: a missing value needs a comment when the form
    says so.
    """
    comments = comments or {}
    all_elements = list(elements if elements is not None else form.elements.all())
    by_code = {e.code: e for e in all_elements}
    unknown = set(raw_values) - set(by_code)
    errors: dict[str, str] = {}
    if unknown:
        errors[""] = f"Biểu mẫu không có chỉ tiêu: {', '.join(sorted(unknown))}."
    values: dict[str, Decimal | None] = {}
    for element in all_elements:
        try:
            values[element.code] = parse_value(element, raw_values.get(element.code))
        except UserError as exc:
            errors[element.code] = exc.message
            values[element.code] = None
    if final:
        for element in all_elements:
            if (
                element.comment_when_missing
                and values.get(element.code) is None
                and element.code not in errors
                and not (comments.get(element.code) or "").strip()
            ):
                errors[element.code] = f"«{element.name}»: chưa có số liệu thì phải ghi chú lý do."
    for code, message in check_rules(form, values).items():
        errors.setdefault(code, message)
    return values, errors


# --- Submissions ---------------------------------------------------------------------------------


def _check_version(submission: Submission, version: int | None) -> None:
    if version is not None and int(version) != submission.version:
        raise UserError(
            "Báo cáo vừa được người khác cập nhật (phiên bản "
            f"{submission.version}, bạn đang sửa phiên bản {version}). Hãy tải lại trang và "
            "nhập lại thay đổi của mình."
        )


def _locked_row(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update()
        .select_related("form", "unit", "form__recipient")
        .get(pk=submission.pk)
    )


def _row_to_edit(
    submission: Submission, version: int | None, actor: Any, locked: str
) -> Submission:
    """The submission's row locked for an edit by ``actor``: their right, the version they
    read and a state that may still change (else ``locked``, the Vietnamese refusal)."""
    submission = _locked_row(submission)
    if actor is not None and not can_fill(actor, submission.unit):
        raise UserError("Bạn không có quyền sửa báo cáo của đơn vị này.")
    _check_version(submission, version)
    if not submission.editable:
        raise UserError(locked)
    return submission


def open_submission(
    form: ReportForm, unit: OrgUnit, period_code: str, actor: Any = None
) -> Submission:
    """The unit's submission for this form and period, created as a draft when first opened."""
    period: Period = period_for(form, period_code)
    if actor is not None and not can_fill(actor, unit):
        raise UserError("Bạn không có quyền lập báo cáo cho đơn vị này.")
    if not form.assigned_units(period.end).filter(pk=unit.pk).exists():
        raise UserError(
            f"Đơn vị «{unit.display_name}» không thuộc diện báo cáo biểu mẫu này kỳ {period.code}."
        )
    existing = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if existing:
        return existing
    with transaction.atomic(), acting_as(actor):
        submission, created = Submission.objects.get_or_create(
            form=form,
            unit=unit,
            period=period.code,
            defaults={
                "period_start": period.start,
                "period_end": period.end,
                "due_on": period.due,
            },
        )
        if created:
            # Only a new draft is filled from system data: later the figures may hold what the
            # officer typed, which only an explicit refresh (refresh_from_sources) replaces.
            _fill_from_sources(submission, list(form.elements.all()))
    return submission


# --- Figures from system data --------------------------------------------------------------------


def system_figures(
    submission: Submission, elements: Iterable[DataElement] | None = None
) -> dict[str, Decimal | None]:
    """The figure of each source-backed element computed now from system data for the
    submission's unit (itself, not its subtree) and data window (period_start..period_end).

    Elements whose source is not registered (any more) are left out.
    """
    figures: dict[str, Decimal | None] = {}
    for element in elements if elements is not None else submission.form.elements.all():
        source = sources.get(element.source) if element.source else None
        if source is not None:
            figures[element.code] = source.compute(
                submission.unit, submission.period_start, submission.period_end
            )
    return figures


def _fill_from_sources(submission: Submission, elements: list[DataElement]) -> int:
    """Write the system figures into the submission's values (inside the caller's transaction),
    each with a comment saying where it came from; returns how many figures were written."""
    by_code = {e.code: e for e in elements}
    values: dict[str, Decimal | None] = {}
    comments: dict[str, str] = {}
    day = f"{timezone.localdate():%d/%m/%Y}"
    for code, figure in system_figures(submission, elements).items():
        if figure is None:
            continue  # the source has nothing to say: keep whatever is there
        element = by_code[code]
        source = sources.get(element.source)
        try:
            values[code] = parse_value(element, figure)
        except UserError as exc:
            values[code] = None
            comments[code] = gettext(
                "The figure from system data (%(figure)s) does not fit this field: %(error)s"
            ) % {"figure": f"{figure.normalize():f}", "error": exc.message}
            continue
        comments[code] = gettext(
            "Figure taken automatically from system data on %(day)s: %(source)s."
        ) % {"day": day, "source": source.label if source else element.source}
    _write_values(submission, values, comments, elements)
    return len(values)


def refresh_from_sources(
    submission: Submission, *, version: int | None, actor: Any = None
) -> Submission:
    """Take the source-backed figures again from system data (lấy lại số liệu từ hệ thống).

    Overwrites the values of the elements that have a source — including values the officer
    typed over them — with the current system figures; other figures and texts are kept. Only a
    draft or a returned report; refused once submitted or approved. Sends the version read.
    """
    with transaction.atomic(), acting_as(actor):
        submission = _row_to_edit(
            submission,
            version,
            actor,
            "Báo cáo đã gửi hoặc đã được phê duyệt nên không lấy lại số liệu từ hệ thống "
            "được. Chỉ báo cáo đang soạn hoặc bị trả lại mới lấy lại được số liệu.",
        )
        elements = list(submission.form.elements.all())
        if not any(e.source for e in elements):
            raise UserError("Biểu mẫu này không có chỉ tiêu nào lấy số liệu từ hệ thống.")
        _fill_from_sources(submission, elements)
        submission.version += 1
        submission.save(update_fields=["version", "updated_at"])
    return submission


def _write_values(
    submission: Submission,
    values: Mapping[str, Decimal | None],
    comments: Mapping[str, str],
    elements: list[DataElement],
) -> None:
    existing = {v.element_id: v for v in submission.values.all()}
    for element in elements:
        if element.code not in values and element.code not in comments:
            continue
        value = values.get(element.code)
        comment = (comments.get(element.code) or "").strip()
        row = existing.get(element.pk)
        if row is None:
            if value is None and not comment:
                continue
            DataValue.objects.create(
                submission=submission, element=element, value=value, comment=comment,
                form_id=submission.form_id, period=submission.period,
                unit_id=submission.unit_id, path=submission.unit.path, approved=False,
            )  # fmt: skip
        elif row.value != value or row.comment != comment:
            row.value = value
            row.comment = comment
            row.save(update_fields=["value", "comment"])


def save_draft(
    submission: Submission,
    *,
    values: Mapping[str, Any] | None = None,
    comments: Mapping[str, str] | None = None,
    narratives: Mapping[str, str] | None = None,
    version: int | None,
    actor: Any = None,
) -> Submission:
    """Save typed values, comments and narrative texts; checks types, signs and rules."""
    with transaction.atomic(), acting_as(actor):
        submission = _row_to_edit(
            submission,
            version,
            actor,
            "Báo cáo đã gửi hoặc đã được phê duyệt (khóa) nên không sửa được. "
            "Báo cáo bị trả lại mới được sửa; báo cáo đã duyệt chỉ quản trị viên mở khóa.",
        )
        elements = list(submission.form.elements.all())
        raw = dict(values or {})
        current = {v.element.code: v.value for v in submission.values.select_related("element")}
        merged_raw = {**{k: v for k, v in current.items() if k not in raw}, **raw}
        parsed, errors = validate(submission.form, merged_raw, elements=elements)
        if errors:
            raise ValuesInvalid(errors)
        _write_values(
            submission, {k: parsed[k] for k in raw if k in parsed}, comments or {}, elements
        )
        if narratives:
            sections = {s.code: s for s in submission.form.sections.all()}
            unknown = set(narratives) - set(sections)
            if unknown:
                raise UserError(f"Biểu mẫu không có phần: {', '.join(sorted(unknown))}.")
            for code, text in narratives.items():
                NarrativeText.objects.update_or_create(
                    submission=submission, section=sections[code], defaults={"text": text.strip()}
                )
        submission.version += 1
        submission.save(update_fields=["version", "updated_at"])
    return submission


def submit(submission: Submission, *, version: int | None, actor: Any = None) -> Submission:
    """Send the report to the recipient (first time or after a return)."""
    with transaction.atomic(), acting_as(actor):
        submission = _locked_row(submission)
        if actor is not None and not can_fill(actor, submission.unit):
            raise UserError("Bạn không có quyền gửi báo cáo của đơn vị này.")
        _check_version(submission, version)
        if not submission.editable:
            raise UserError("Báo cáo đã được gửi hoặc đã được phê duyệt.")
        rows = list(submission.values.select_related("element"))
        raw = {r.element.code: r.value for r in rows}
        comments = {r.element.code: r.comment for r in rows}
        _values, errors = validate(submission.form, raw, comments, final=True)
        if errors:
            raise ValuesInvalid(errors)
        now = timezone.now()
        submission.status = SubmissionStatus.SUBMITTED
        submission.submitted_at = now
        submission.first_submitted_at = submission.first_submitted_at or now
        submission.submitted_by = actor if getattr(actor, "pk", None) else None
        submission.version += 1
        submission.save()
    return submission


def approve(
    submission: Submission, *, version: int | None, actor: Any = None, comment: str = ""
) -> Submission:
    """Approve and lock: its values then count in every consolidation above the unit."""
    with transaction.atomic(), acting_as(actor):
        submission = _locked_row(submission)
        if actor is not None and not can_review(actor, submission):
            raise UserError("Chỉ cơ quan nhận báo cáo mới được phê duyệt hoặc trả lại.")
        _check_version(submission, version)
        if submission.status != SubmissionStatus.SUBMITTED:
            raise UserError("Chỉ phê duyệt được báo cáo đã gửi (chưa duyệt, chưa trả lại).")
        submission.status = SubmissionStatus.APPROVED
        submission.reviewed_at = timezone.now()
        submission.reviewed_by = actor if getattr(actor, "pk", None) else None
        submission.review_comment = comment.strip()
        submission.version += 1
        submission.save()
        DataValue.objects.filter(submission=submission).update(approved=True)
        _refresh_totals(submission)
    return submission


def _refresh_totals(submission: Submission) -> None:
    """Keep the province totals in step with the approved values (same transaction)."""
    from . import rollup

    paths = DataValue.objects.filter(submission=submission).values_list("path", flat=True)
    rollup.refresh(submission.form_id, submission.period, set(paths))


def return_submission(
    submission: Submission, *, version: int | None, comment: str, actor: Any = None
) -> Submission:
    """Send the report back to the unit for correction, saying what to correct."""
    if not (comment or "").strip():
        raise UserError("Khi trả lại báo cáo phải ghi rõ nội dung cần sửa.")
    with transaction.atomic(), acting_as(actor):
        submission = _locked_row(submission)
        if actor is not None and not can_review(actor, submission):
            raise UserError("Chỉ cơ quan nhận báo cáo mới được phê duyệt hoặc trả lại.")
        _check_version(submission, version)
        if submission.status != SubmissionStatus.SUBMITTED:
            raise UserError("Chỉ trả lại được báo cáo đã gửi và chưa được duyệt.")
        submission.status = SubmissionStatus.RETURNED
        submission.reviewed_at = timezone.now()
        submission.reviewed_by = actor if getattr(actor, "pk", None) else None
        submission.review_comment = comment.strip()
        submission.version += 1
        submission.save()
    return submission


def unlock(submission: Submission, *, reason: str, actor: Any = None) -> Submission:
    """Reopen an approved report (administrators; the reason is kept in the audit log)."""
    if not (reason or "").strip():
        raise UserError("Phải ghi lý do mở khóa báo cáo đã phê duyệt.")
    with transaction.atomic(), acting_as(actor):
        submission = _locked_row(submission)
        if actor is not None and not can_unlock(actor, submission):
            raise UserError("Chỉ quản trị viên mới được mở khóa báo cáo đã phê duyệt.")
        if submission.status != SubmissionStatus.APPROVED:
            raise UserError("Báo cáo chưa được phê duyệt nên không cần mở khóa.")
        submission.status = SubmissionStatus.RETURNED
        submission.unlock_reason = reason.strip()
        submission.review_comment = f"Mở khóa: {reason.strip()}"
        submission.version += 1
        submission.save()
        DataValue.objects.filter(submission=submission).update(approved=False)
        _refresh_totals(submission)
    return submission


def submit_values(
    form: ReportForm,
    unit: OrgUnit,
    period_code: str,
    *,
    values: Mapping[str, Any],
    comments: Mapping[str, str] | None = None,
    narratives: Mapping[str, str] | None = None,
    send: bool = False,
    version: int | None = None,
    actor: Any = None,
) -> Submission:
    """Open (or create), fill in and optionally send one submission, all or nothing."""
    with transaction.atomic():
        submission = open_submission(form, unit, period_code, actor=actor)
        submission = save_draft(
            submission, values=values, comments=comments, narratives=narratives,
            version=submission.version if version is None else version, actor=actor,
        )  # fmt: skip
        if send:
            submission = submit(submission, version=submission.version, actor=actor)
    return submission


def today() -> dt.date:
    return timezone.localdate()
