"""Classification (Thông tư 05/2021/TT-TTCP), workflow transitions and extensions (gia hạn).

Each move is checked against the transition table, recorded as a :class:`PetitionEvent` and
given the due date of its step by the legal deadline engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as, user_of
from danvan.core.errors import UserError
from danvan.deadlines.engine import compute_due_date, rule_in_force
from danvan.orgs.models import OrgUnit

from .. import notices
from ..models import (
    Competence,
    Petition,
    PetitionEvent,
    PetitionExtension,
    PetitionKind,
    PetitionState,
    Topic,
)
from ..workflow import is_allowed, step_rule_for, step_starts_at_receipt
from .common import check_day, require_change, today

S = PetitionState
#: What an extension decision may find the case to be (Điều 30 Luật Tố cáo 2018).
EXTENSION_GROUNDS = ("complex", "especially_complex")


ANONYMOUS_DENUNCIATION_REASON = (
    "Tố cáo không rõ họ tên, địa chỉ người tố cáo: không xử lý theo thủ tục giải quyết tố cáo "
    "(khoản 1 Điều 25 Luật Tố cáo 2018). Nếu nội dung rõ ràng về người vi phạm, có tài liệu, "
    "chứng cứ cụ thể và có cơ sở thẩm tra, xác minh thì chuyển thanh tra, kiểm tra phục vụ công "
    "tác quản lý (khoản 2 Điều 25)."
)


@dataclass
class Classification:
    kind: str
    eligible: bool
    competence: str = ""
    ineligible_reason: str = ""
    topic: Topic | None = None
    place: OrgUnit | None = None
    transfer_to: OrgUnit | None = None
    transfer_to_name: str = ""
    instance: int = 1
    is_complex: bool = False
    is_especially_complex: bool = False
    is_remote: bool = False
    assigned_officer: Any = None


@transaction.atomic
def classify(
    petition: Petition,
    data: Classification,
    version: int | None,
    on: dt.date | None = None,
    *,
    actor: Any,
) -> Petition:
    """Classify per Thông tư 05/2021/TT-TTCP: kind, eligible or not (why), competence."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    require_change(actor, petition)
    petition.check_version(version)
    if not is_allowed(petition.state, S.CLASSIFIED):
        raise UserError(
            _("A petition in the state «%(state)s» cannot be classified.")
            % {"state": petition.get_state_display()}
        )
    if data.kind not in PetitionKind.values:
        raise UserError(
            _("Choose the kind of petition: complaint, denunciation, recommendation or feedback.")
        )
    if data.competence and data.competence not in Competence.values:
        raise UserError(_("The handling competence is not valid."))
    reason = (data.ineligible_reason or "").strip()
    eligible = data.eligible
    if data.kind == PetitionKind.DENUNCIATION and petition.is_anonymous:
        eligible = False
        reason = reason or ANONYMOUS_DENUNCIATION_REASON
    if not eligible and not reason:
        raise UserError(_("The petition is not eligible for handling: the reason must be stated."))
    if eligible and not data.competence:
        raise UserError(
            _(
                "Choose how to handle it: within competence, transfer to the competent "
                "body, or guidance."
            )
        )
    if data.competence == Competence.TRANSFER and not (data.transfer_to or data.transfer_to_name):
        raise UserError(_("State the competent body the petition is transferred to."))
    if data.instance not in (1, 2):
        raise UserError(_("A complaint is settled the first or the second time only."))
    day = on or today()
    check_day(day, _("Classification date"), petition.received_on)
    petition.kind = data.kind
    petition.eligible = eligible
    petition.ineligible_reason = "" if eligible else reason
    petition.competence = data.competence if eligible else ""
    petition.transfer_to = data.transfer_to
    petition.transfer_to_name = data.transfer_to_name.strip()
    petition.instance = data.instance
    petition.is_complex = data.is_complex or data.is_especially_complex
    petition.is_especially_complex = data.is_especially_complex
    petition.is_remote = data.is_remote
    if data.topic is not None:
        petition.topic = data.topic
    if data.place is not None:
        petition.place = data.place
    newly_assigned = (
        data.assigned_officer is not None
        and data.assigned_officer.pk != petition.assigned_officer_id
    )
    if data.assigned_officer is not None:
        petition.assigned_officer = data.assigned_officer
    petition = _move(actor, petition, S.CLASSIFIED, day, note=reason)
    if newly_assigned:
        notices.petition_assigned(petition)
    return petition


def _due_for(
    petition: Petition, state: str, start: dt.date
) -> tuple[str, dt.date | None, dt.date | None]:
    rule = step_rule_for(petition.kind, state, petition.instance)
    if not rule:
        return "", None, None
    begin = petition.received_on if step_starts_at_receipt(state) else start
    if (
        state in (S.VERIFYING, S.CONCLUDED)
        and petition.step_started_on
        and petition.step_rule == rule
    ):
        begin = petition.step_started_on  # the resolution clock keeps running
    due = _compute(
        rule, begin, petition, petition.extensions if rule == "denunciation.resolve" else 0
    )
    return rule, begin, due.due_date


def _compute(rule_id: str, begin: dt.date, petition: Petition, extensions: int) -> Any:
    """The engine's due date, using the complex / remote variants only where the rule has them
    (or where complexity decides how often the period may be extended)."""
    rule = rule_in_force(rule_id, begin)
    remote = petition.is_remote and rule.remote_duration is not None
    complex_ = petition.is_complex and (
        (rule.remote_complex_duration if remote else rule.complex_duration) is not None
        or rule.complex_max_extensions is not None
    )
    return compute_due_date(
        rule_id,
        begin,
        complex=complex_,
        remote=remote,
        extensions=extensions,
        especially_complex=complex_ and petition.is_especially_complex,
    )


def _move(actor: Any, petition: Petition, target: str, day: dt.date, note: str = "") -> Petition:
    source = petition.state
    rule, begin, due = _due_for(petition, target, day)
    petition.state = target
    petition.step_rule = rule
    petition.step_started_on = begin
    petition.due_on = due
    petition.bump_version()
    with acting_as(actor):
        petition.save()
        PetitionEvent.objects.create(
            petition=petition,
            from_state=source,
            to_state=target,
            actor=user_of(actor),
            on=day,
            note=note,
            due_on=due,
        )
    return petition


@transaction.atomic
def transition(
    petition: Petition,
    target: str,
    version: int | None,
    *,
    on: dt.date | None = None,
    note: str = "",
    answer: str = "",
    publish_answer: bool = True,
    actor: Any,
) -> Petition:
    """Move ``petition`` to ``target`` if the workflow table allows it, with its checks."""
    petition = (
        Petition.objects.select_for_update().select_related("handling_unit").get(pk=petition.pk)
    )
    require_change(actor, petition)
    petition.check_version(version)
    if target == S.CLASSIFIED:
        raise UserError(_("Use «Classify» to classify the petition."))
    if target not in S.values:
        raise UserError(_("The state «%(target)s» does not exist.") % {"target": target})
    if not is_allowed(petition.state, target):
        raise UserError(
            _("A petition cannot move from «%(state)s» to «%(target)s».")
            % {"state": petition.get_state_display(), "target": S(target).label}
        )
    day = on or today()
    check_day(day, _("Date done"), petition.received_on)
    note = (note or "").strip()
    if target == S.ACCEPTED:
        if not petition.eligible or petition.competence != Competence.WITHIN:
            raise UserError(
                _(
                    "Only an eligible petition within competence can be accepted; classify "
                    "the petition again."
                )
            )
    if target == S.TRANSFERRED and petition.competence != Competence.TRANSFER:
        raise UserError(
            _("The petition has not been classified as a transfer to the competent body.")
        )
    if target == S.GUIDED and petition.competence != Competence.GUIDE:
        raise UserError(_("The petition has not been classified as guidance to the petitioner."))
    if target == S.ARCHIVED and not note and petition.eligible is not False:
        raise UserError(_("State the reason for filing the petition away."))
    if target == S.WITHDRAWN and not note:
        raise UserError(_("Record the petitioner's withdrawal (date, form)."))
    if target == S.ANSWERED:
        answer = (answer or "").strip()
        if not answer:
            raise UserError(_("Enter the answer to the petitioner."))
        petition.answer = answer
        petition.answered_on = day
        petition.answer_published = publish_answer
    petition = _move(actor, petition, target, day, note=note)
    if target == S.TRANSFERRED:
        notices.petition_transferred(petition)
    return petition


@transaction.atomic
def extend(
    petition: Petition,
    version: int | None,
    *,
    decision_number: str,
    decision_date: dt.date,
    reason: str = "",
    ground: str = "",
    actor: Any,
) -> PetitionExtension:
    """Extend the resolution period (gia hạn), recording the decision; the engine checks limits.

    ``ground`` is what the decision finds the case to be: ``complex`` or ``especially_complex``
    (Điều 30 Luật Tố cáo 2018: one extension for a complex case, two for an especially complex
    one); empty keeps what classification said.
    """
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    require_change(actor, petition)
    petition.check_version(version)
    decision_number = (decision_number or "").strip()
    if not decision_number:
        raise UserError(_("The number of the extension decision is missing."))
    if decision_date is None:
        raise UserError(_("The date of the extension decision is missing."))
    check_day(decision_date, _("Date of the extension decision"), petition.step_started_on)
    if petition.step_rule != "denunciation.resolve":
        raise UserError(_("Only the time limit of a denunciation being settled can be extended."))
    if ground not in ("", *EXTENSION_GROUNDS):
        raise UserError(_("An extension is granted only for a complex or especially complex case."))
    if ground:
        petition.is_complex = True
        petition.is_especially_complex = ground == "especially_complex"
    number = petition.extensions + 1
    due = _compute(
        petition.step_rule, petition.step_started_on or petition.received_on, petition, number
    )
    petition.extensions = number
    petition.due_on = due.due_date
    petition.bump_version()
    with acting_as(actor):
        petition.save()
        return PetitionExtension.objects.create(
            petition=petition,
            number=number,
            decision_number=decision_number,
            decision_date=decision_date,
            reason=(reason or "").strip(),
            due_on=due.due_date,
        )
