"""The petition workflow as a table: which state may follow which, and each step's deadline.

``TRANSITIONS`` is the whole state machine; services refuse any move not listed. The due date
of the step a petition is in comes from the legal deadline engine (``step_rule``):

=================  ==========================================================================
state              deadline rule of the step (start: the day the petition entered the state)
=================  ==========================================================================
received           ``petition.handle`` — classify and handle within 10 working days of
                   receipt (Thông tư 05/2021/TT-TTCP)
classified         complaint: ``complaint.accept`` from receipt (Điều 27 Luật Khiếu nại);
                   others: ``petition.handle`` from receipt (same period continues)
accepted,          complaint: ``complaint.first`` / ``complaint.second`` from acceptance
verifying,         (Điều 28, 37 Luật Khiếu nại; complex / remote variants); denunciation:
concluded          ``denunciation.resolve`` from acceptance with recorded extensions (Điều 30
                   Luật Tố cáo); recommendation, feedback: ``petition.handle`` from acceptance
finished states    none
=================  ==========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import PetitionKind, PetitionState

S = PetitionState


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: str
    label: Any  # a lazy translation


def _t(source: str, target: str, action: str, label: Any) -> Transition:
    return Transition(source, target, action, label)


TRANSITIONS: tuple[Transition, ...] = (
    _t(S.RECEIVED, S.CLASSIFIED, "classify", _("Classify")),
    _t(S.RECEIVED, S.ARCHIVED, "archive", _("Archive")),
    _t(S.CLASSIFIED, S.CLASSIFIED, "classify", _("Classify again")),
    _t(S.CLASSIFIED, S.ACCEPTED, "accept", _("Accept for resolution")),
    _t(S.CLASSIFIED, S.TRANSFERRED, "transfer", _("Transfer")),
    _t(S.CLASSIFIED, S.GUIDED, "guide", _("Guide the petitioner")),
    _t(S.CLASSIFIED, S.ARCHIVED, "archive", _("Archive")),
    _t(S.ACCEPTED, S.VERIFYING, "verify", _("Start verification")),
    _t(S.ACCEPTED, S.CONCLUDED, "conclude", _("Conclude")),
    _t(S.VERIFYING, S.CONCLUDED, "conclude", _("Conclude")),
    _t(S.ACCEPTED, S.ANSWERED, "answer", _("Answer")),
    _t(S.CONCLUDED, S.ANSWERED, "answer", _("Answer")),
    _t(S.ANSWERED, S.CLOSED, "close", _("Close")),
    _t(S.RECEIVED, S.WITHDRAWN, "withdraw", _("Withdrawn by the petitioner")),
    _t(S.CLASSIFIED, S.WITHDRAWN, "withdraw", _("Withdrawn by the petitioner")),
    _t(S.ACCEPTED, S.WITHDRAWN, "withdraw", _("Withdrawn by the petitioner")),
    _t(S.VERIFYING, S.WITHDRAWN, "withdraw", _("Withdrawn by the petitioner")),
)

ALLOWED: dict[tuple[str, str], Transition] = {(t.source, t.target): t for t in TRANSITIONS}

RESOLUTION_STATES = frozenset({S.ACCEPTED, S.VERIFYING, S.CONCLUDED})


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state and t.target != state]


def is_allowed(source: str, target: str) -> bool:
    return (source, target) in ALLOWED


def step_rule_for(kind: str, state: str, instance: int = 1) -> str:
    """The deadline rule id of the step a petition of ``kind`` is in at ``state`` ('' if none)."""
    if state == S.RECEIVED:
        return "petition.handle"
    if state == S.CLASSIFIED:
        return "complaint.accept" if kind == PetitionKind.COMPLAINT else "petition.handle"
    if state in RESOLUTION_STATES:
        if kind == PetitionKind.COMPLAINT:
            return "complaint.second" if instance >= 2 else "complaint.first"
        if kind == PetitionKind.DENUNCIATION:
            return "denunciation.resolve"
        return "petition.handle"
    return ""


def step_starts_at_receipt(state: str) -> bool:
    """Classification continues the clock started at receipt; resolution starts a new one."""
    return state in {S.RECEIVED, S.CLASSIFIED}
