"""A follow-up goes only to a unit under the dialogue's owner, and its responsible unit reports
progress without the right to change it (only the owner moves its due date).

Before, ``add_follow_up`` accepted any unit in the country and ``FollowUpQuerySet.visible_to``
gave the responsible unit's officials CHANGE on the follow-up."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import UserError
from danvan.core.scoping import Action, user_can
from danvan.dialogues.models import FollowUpAction
from danvan.dialogues.services import add_follow_up, update_follow_up
from danvan.testing.fixtures import Tree, official

from .support import make_dialogue, make_follow_up

pytestmark = pytest.mark.django_db


def test_a_unit_outside_the_owner_is_refused(tree: Tree) -> None:
    owner = official("officer", tree.province, username="tinh.cc")
    dialogue = make_dialogue(tree.province)
    for responsible, supporting in (
        (tree.other_province, []),
        (tree.commune, [tree.other_province]),
    ):
        with pytest.raises(UserError, match="Không thể giao cho Ủy ban nhân dân tỉnh Bên Cạnh"):
            add_follow_up(
                dialogue, title="Rà soát", responsible_unit=responsible,
                supporting_units=supporting, due_on=dt.date(2026, 11, 30), actor=owner,
            )  # fmt: skip
    assert not FollowUpAction.objects.exists()
    commune_dialogue = make_dialogue(tree.commune)
    with pytest.raises(UserError, match="trực thuộc"):
        add_follow_up(
            commune_dialogue, title="Rà soát", responsible_unit=tree.department,
            due_on=dt.date(2026, 11, 30), actor=owner,
        )  # fmt: skip
    action = add_follow_up(
        dialogue, title="Rà soát", responsible_unit=tree.commune,
        supporting_units=[tree.department], due_on=dt.date(2026, 11, 30), actor=owner,
    )  # fmt: skip
    assert action.responsible_unit == tree.commune


def test_the_responsible_unit_reports_but_does_not_change(tree: Tree) -> None:
    action = make_follow_up(make_dialogue(tree.province), tree.commune)
    officer = official("officer", tree.commune, username="xa.cc")
    assert user_can(officer, FollowUpAction, Action.REPORT, action)
    assert not user_can(officer, FollowUpAction, Action.CHANGE, action)
    assert not FollowUpAction.objects.visible_to(officer, Action.CHANGE).filter(pk=action.pk)
    update_follow_up(action, version=action.version, percent=50, actor=officer)
    with pytest.raises(UserError, match="Chỉ đơn vị tổ chức"):
        update_follow_up(
            action, version=action.version, due_on=dt.date(2026, 12, 31), actor=officer
        )
