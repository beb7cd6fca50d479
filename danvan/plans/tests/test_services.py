"""Plans and tasks: what an official notices when creating, assigning and updating them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.plans.models import Plan, Task, TaskState, TaskStatus, TaskUpdate
from danvan.plans.money import amount_in_words, number_to_words
from danvan.plans.services import (
    Upload,
    add_budget_line,
    add_task,
    budget_total,
    create_plan,
    plan_progress,
    update_plan,
    update_task,
)
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db


def test_task_due_before_the_plan_starts_is_refused(plan: Plan, tree: Tree) -> None:
    with pytest.raises(UserError, match="trước ngày bắt đầu của kế hoạch"):
        add_task(
            plan,
            title="Việc cũ",
            lead_unit=tree.commune,
            due_on=dt.date(2025, 12, 31),
            actor=SYSTEM,
        )
    assert not plan.tasks.exists()


def test_parent_plan_cycle_is_refused(plan: Plan, tree: Tree) -> None:
    child = create_plan(
        owner=tree.commune, title="Kế hoạch xã", year_from=2026, parent=plan, actor=SYSTEM
    )
    grandchild = create_plan(
        owner=tree.village, title="Kế hoạch thôn", year_from=2026, parent=child, actor=SYSTEM
    )
    with pytest.raises(UserError, match="vòng lặp"):
        update_plan(plan, version=plan.version, parent=grandchild, actor=SYSTEM)
    with pytest.raises(UserError, match="vòng lặp"):
        update_plan(plan, version=plan.version, parent=plan, actor=SYSTEM)
    plan.refresh_from_db()
    assert plan.parent is None


def test_progress_above_100_is_refused(commune_task: Task) -> None:
    with pytest.raises(UserError, match="từ 0 đến 100%"):
        update_task(commune_task, version=commune_task.version, percent=120, actor=SYSTEM)
    commune_task.refresh_from_db()
    assert commune_task.percent == 0
    assert not TaskUpdate.objects.exists()


def test_concurrent_edit_is_refused(commune_task: Task, commune_officer) -> None:
    read_version = commune_task.version
    update_task(commune_task, version=read_version, percent=40, actor=commune_officer)
    with pytest.raises(UserError, match="vừa được người khác cập nhật"):
        update_task(commune_task, version=read_version, percent=10, actor=commune_officer)
    commune_task.refresh_from_db()
    assert commune_task.percent == 40
    assert commune_task.status == TaskStatus.IN_PROGRESS


def test_forbidden_attachment_type_is_refused(commune_task: Task) -> None:
    bad = Upload("virus.exe", io.BytesIO(b"MZ..."))
    with pytest.raises(UserError, match="Không nhận tệp minh chứng «virus.exe»"):
        update_task(
            commune_task, version=commune_task.version, percent=10, files=[bad], actor=SYSTEM
        )
    assert not TaskUpdate.objects.exists()


@override_settings(PLANS_MAX_ATTACHMENT_BYTES=10)
def test_oversize_attachment_is_refused(commune_task: Task) -> None:
    big = Upload("bien-ban.pdf", io.BytesIO(b"x" * 11))
    with pytest.raises(UserError, match="quá lớn"):
        update_task(commune_task, version=commune_task.version, files=[big], actor=SYSTEM)


def test_update_with_evidence_is_on_the_timeline_and_audited(
    commune_task: Task, commune_officer, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    entry = update_task(
        commune_task,
        version=commune_task.version,
        actor=commune_officer,
        percent=60,
        evidence="Đã tổ chức 2 buổi đối thoại",
        note="Đợt 1",
        files=[Upload("bien-ban.pdf", io.BytesIO(b"%PDF-1.4 test"))],
    )
    assert entry.percent_before == 0 and entry.percent_after == 60
    assert entry.author == commune_officer
    assert entry.attachments.get().original_name == "bien-ban.pdf"
    from danvan.core.audit import history_of

    commune_task.refresh_from_db()
    assert history_of(commune_task).filter(actor=commune_officer).exists()


def test_outsider_cannot_update(commune_task: Task, outsider) -> None:
    with pytest.raises(PermissionDenied):
        update_task(commune_task, version=commune_task.version, percent=10, actor=outsider)


def test_supporting_unit_sees_and_updates_its_task(commune_task: Task, tree: Tree) -> None:
    from danvan.testing.fixtures import official

    department_officer = official("officer", tree.department, username="so.congchuc")
    assert Task.objects.visible_to(department_officer).filter(pk=commune_task.pk).exists()
    update_task(commune_task, version=commune_task.version, percent=5, actor=department_officer)


def test_parent_progress_rolls_up_by_weight(plan: Plan, tree: Tree) -> None:
    group = add_task(plan, title="Tuyên truyền", actor=SYSTEM)
    a = add_task(plan, title="A", parent=group, weight=3, lead_unit=tree.commune, actor=SYSTEM)
    b = add_task(plan, title="B", parent=group, weight=1, lead_unit=tree.commune, actor=SYSTEM)
    update_task(a, version=a.version, percent=100, actor=SYSTEM)
    update_task(b, version=b.version, percent=20, actor=SYSTEM)
    group.refresh_from_db()
    assert group.percent == 80  # (3*100 + 1*20) / 4
    assert group.status == TaskStatus.IN_PROGRESS
    with pytest.raises(UserError, match="nhiệm vụ con"):
        update_task(group, version=group.version, percent=50, actor=SYSTEM)
    assert plan_progress(plan) == 80


def test_overdue_is_derived_from_dates(commune_task: Task) -> None:
    before = Task.objects.with_state(dt.date(2026, 9, 30)).get(pk=commune_task.pk)
    after = Task.objects.with_state(dt.date(2026, 10, 1)).get(pk=commune_task.pk)
    assert before.state == TaskState.NOT_STARTED
    assert after.state == TaskState.OVERDUE
    update_task(commune_task, version=commune_task.version, status=TaskStatus.DONE, actor=SYSTEM)
    done = Task.objects.with_state(dt.date(2026, 10, 1)).get(pk=commune_task.pk)
    assert done.state == TaskState.DONE and done.percent == 100


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (100_000_000, "Một trăm triệu đồng"),
        (125_500_000, "Một trăm hai mươi lăm triệu năm trăm nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_021_000_000, "Hai tỷ không trăm hai mươi mốt triệu đồng"),
        (34_000, "Ba mươi tư nghìn đồng"),
    ],
)
def test_amount_in_words(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


def test_budget_total_prints_words(plan: Plan) -> None:
    add_budget_line(plan, item="Tập huấn", amount=60_000_000, actor=SYSTEM)
    add_budget_line(plan, item="Tuyên truyền", amount=40_000_000, actor=SYSTEM)
    total = budget_total(plan)
    assert total.printed == "Tổng kinh phí: 100.000.000 đồng (Bằng chữ: Một trăm triệu đồng)."
    assert number_to_words(0) == "không"


def test_progress_sets_the_status(commune_task: Task) -> None:
    update_task(
        commune_task, version=commune_task.version, status="not_started", percent=20, actor=SYSTEM
    )
    assert commune_task.status == TaskStatus.IN_PROGRESS
    update_task(
        commune_task, version=commune_task.version, status="in_progress", percent=100, actor=SYSTEM
    )
    assert commune_task.status == TaskStatus.DONE
    commune_task.refresh_from_db()
    assert commune_task.completed_on is not None
