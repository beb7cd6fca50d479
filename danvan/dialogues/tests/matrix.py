"""Dialogues in the permission matrix: leaders and officers record them; others read."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.dialogues.models import (
    Conclusion,
    Dialogue,
    FollowUpAction,
    FollowUpStatus,
    FollowUpUpdate,
    Participant,
)
from danvan.orgs.models import OrgUnit

from .support import make_dialogue, make_follow_up


def _dialogue(unit: OrgUnit) -> models.Model:
    return make_dialogue(unit)


def _participant(unit: OrgUnit) -> models.Model:
    return make_dialogue(unit).participants.get()


def _conclusion(unit: OrgUnit) -> models.Model:
    return make_dialogue(unit).conclusions.get()


def _follow_up(unit: OrgUnit) -> models.Model:
    return make_follow_up(make_dialogue(unit))


def _update(unit: OrgUnit) -> models.Model:
    action = make_follow_up(make_dialogue(unit))
    return FollowUpUpdate.objects.create(
        action=action, status=FollowUpStatus.IN_PROGRESS, percent=10
    )


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    Dialogue: _dialogue,
    Participant: _participant,
    Conclusion: _conclusion,
    FollowUpAction: _follow_up,
    FollowUpUpdate: _update,
}

_MODELS = list(CASES)
_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(_MODELS, (True, role in _WRITERS)) for role in RoleCode
}


def _follow_up_assigned(owner: OrgUnit, assignee: OrgUnit) -> models.Model:
    return make_follow_up(make_dialogue(owner), assignee)


# A follow-up given to another unit (the assignee rule of FollowUpQuerySet): its officials see
# it and report progress as their role allows; only the dialogue's owner changes it.
ASSIGNED: dict[str, Callable[[OrgUnit, OrgUnit], models.Model]] = {
    "FollowUpAction (responsible unit)": _follow_up_assigned,
}
