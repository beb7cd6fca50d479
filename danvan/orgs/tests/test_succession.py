"""One successor hand-over on merges: every kind of obligation of a commune merged into another
reaches the officials of the commune that carries it on; finished work stays where it was done.

Before, only plans' implementation obligations moved: follow-ups, open petitions and report
reminders kept addressing a unit nobody works at any more.
"""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.obligations import remind
from danvan.dialogues.models import FollowUpStatus
from danvan.dialogues.tests.support import make_dialogue, make_follow_up
from danvan.notifications.models import Notification
from danvan.orgs.services import record_succession
from danvan.orgs.succession import carrier_of, hand_over, registered
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import make_petition
from danvan.plans.models import ImplementationObligation, Plan, Task, TaskStatus
from danvan.reporting.periods import period_for
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db
MERGED_ON = dt.date(2026, 7, 1)


def merge_commune(tree: Tree, on: dt.date = MERGED_ON) -> None:
    """Hòa Bình is merged into Tân Lập, which lives on."""
    record_succession(
        kind="merge",
        predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune],
        effective_on=on,
    )
    tree.commune.refresh_from_db()


def test_every_app_registers_its_hand_over() -> None:
    assert {
        "plans.obligations",
        "plans.tasks",
        "dialogues.follow_ups",
        "petitions.open_cases",
    } <= set(registered())


def test_carrier_is_the_absorbing_commune(tree: Tree) -> None:
    assert carrier_of(tree.commune) == tree.commune
    merge_commune(tree)
    assert carrier_of(tree.commune) == tree.other_commune
    assert carrier_of(tree.other_commune) == tree.other_commune


def test_open_follow_ups_go_to_the_successor_and_are_reminded_there(tree: Tree) -> None:
    dialogue = make_dialogue(tree.province)
    open_action = make_follow_up(dialogue, tree.commune, due_on=dt.date(2026, 11, 30))
    supported = make_follow_up(dialogue, tree.department)
    supported.supporting_units.set([tree.commune])
    done = make_follow_up(dialogue, tree.commune, status=FollowUpStatus.DONE)
    successor_officer = official("officer", tree.other_commune, username="tanlap.congchuc")

    merge_commune(tree)

    open_action.refresh_from_db()
    assert open_action.responsible_unit == tree.other_commune
    assert open_action.version == 2  # a page read before the merge is refused
    assert list(supported.supporting_units.all()) == [tree.other_commune]
    done.refresh_from_db()
    assert done.responsible_unit == tree.commune  # history stays with who did it
    remind(dt.date(2026, 11, 27), only=["dialogues.follow_up"])
    assert Notification.objects.filter(
        recipient=successor_officer, key__startswith=f"dialogues.followup:{open_action.pk}:"
    ).exists()


def test_open_petitions_are_handled_by_the_successor(tree: Tree) -> None:
    handler = official("reception_officer", tree.commune, username="hoabinh.tiepdan")
    open_case = make_petition(handler, tree.commune)
    closed_case = make_petition(handler, tree.commune, title="Đề nghị sửa đường liên thôn")
    Petition.objects.filter(pk=closed_case.pk).update(state="closed")

    merge_commune(tree)

    open_case.refresh_from_db()
    closed_case.refresh_from_db()
    assert open_case.handling_unit == tree.other_commune
    assert open_case.version == 2
    assert closed_case.handling_unit == tree.commune


def test_plan_obligations_and_open_tasks_follow_the_same_hand_over(tree: Tree) -> None:
    plan = Plan.objects.create(
        owner=tree.province, title="Kế hoạch dân vận", year_from=2026, year_to=2026
    )
    obligation = ImplementationObligation.objects.create(
        plan=plan, unit=tree.commune, holder=tree.commune, due_on=dt.date(2026, 9, 30)
    )
    task = Task.objects.create(plan=plan, title="Đối thoại", lead_unit=tree.commune)
    finished = Task.objects.create(
        plan=plan, title="Tuyên truyền", lead_unit=tree.commune, status=TaskStatus.DONE
    )

    merge_commune(tree)

    obligation.refresh_from_db()
    task.refresh_from_db()
    finished.refresh_from_db()
    assert obligation.holder == tree.other_commune
    assert task.lead_unit == tree.other_commune and task.version == 2
    assert finished.lead_unit == tree.commune
    # Idempotent: the hook runs on every save of an ended unit.
    assert sum(hand_over([tree.commune]).values()) == 0


def test_report_reminders_for_a_merged_commune_reach_its_successor(tree: Tree) -> None:
    form = make_form(tree)
    period = period_for(form, "2026-03")
    successor_officer = official("officer", tree.other_commune, username="tanlap.congchuc")
    # The commune existed when the period's data ended, and is gone when the report is due.
    merge_commune(tree, on=period.end + dt.timedelta(days=1))
    remind(period.due + dt.timedelta(days=1), only=["reporting.submission"])
    key = f"reporting.reminder:{form.pk}:{tree.commune.pk}:2026-03:overdue"
    assert Notification.objects.filter(recipient=successor_officer, key=key).exists()
