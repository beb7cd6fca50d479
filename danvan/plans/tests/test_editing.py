"""Officials edit a plan's definition without the admin: tasks, targets, budget lines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.accounts.models import Role
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.plans.models import BudgetLine, Plan, Target, Task
from danvan.plans.services import (
    add_budget_line,
    add_target,
    add_task,
    delete_task,
    edit_task,
    update_task,
)
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    Role.objects.update(require_two_factor=False)


def _task_post(task: Task, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": task.version,
        "title": task.title,
        "description": task.description,
        "parent": task.parent_id or "",
        "lead_unit": task.lead_unit_id or "",
        "supporting_units": [u.pk for u in task.supporting_units.all()],
        "due_on": task.due_on.isoformat() if task.due_on else "",
        "recurrence": task.recurrence,
        "recur_day": task.recur_day or "",
        "recur_month": task.recur_month or "",
        "weight": task.weight,
    }
    data.update(changes)
    return data


def test_owner_edits_a_task_definition(
    client: Client, plan: Plan, commune_task: Task, province_officer, tree: Tree
) -> None:
    client.force_login(province_officer)
    page = client.get(f"/plans/tasks/{commune_task.pk}/edit/")
    assert page.status_code == 200
    assert "Sửa nhiệm vụ" in page.content.decode()
    data = _task_post(
        commune_task,
        title="Tổ chức đối thoại định kỳ với Nhân dân",
        description="Mỗi quý một lần",
        lead_unit=tree.department.pk,
        supporting_units=[tree.commune.pk, tree.other_commune.pk],
        due_on="",
        recurrence="quarterly",
        recur_day="15",
        weight="3",
    )
    response = client.post(f"/plans/tasks/{commune_task.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    task = Task.objects.get(pk=commune_task.pk)
    assert task.title == "Tổ chức đối thoại định kỳ với Nhân dân"
    assert task.lead_unit == tree.department and task.weight == 3
    assert (task.due_on, task.recurrence, task.recur_day) == (None, "quarterly", 15)
    assert set(task.supporting_units.all()) == {tree.commune, tree.other_commune}
    assert task.version == commune_task.version + 1
    detail = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Tổ chức đối thoại định kỳ với Nhân dân" in detail
    assert f"/plans/tasks/{task.pk}/edit/" in detail


def test_the_later_of_two_concurrent_edits_is_refused(
    client: Client, commune_task: Task, province_officer, tree: Tree
) -> None:
    other = official("leader", tree.province, username="tinh.lanhdao")
    first, second = Client(), Client()
    first.force_login(province_officer)
    second.force_login(other)
    read_by_both = _task_post(commune_task)
    ok = first.post(
        f"/plans/tasks/{commune_task.pk}/edit/", {**read_by_both, "title": "Bản của người thứ nhất"}
    )
    assert ok.status_code == 302
    late = second.post(
        f"/plans/tasks/{commune_task.pk}/edit/", {**read_by_both, "title": "Bản của người thứ hai"}
    )
    assert late.status_code == 200
    assert "vừa được người khác cập nhật" in late.content.decode()
    task = Task.objects.get(pk=commune_task.pk)
    assert task.title == "Bản của người thứ nhất" and task.version == commune_task.version + 1


def test_bad_input_gets_vietnamese_messages_and_nothing_is_written(
    client: Client, commune_task: Task, province_officer
) -> None:
    client.force_login(province_officer)
    url = f"/plans/tasks/{commune_task.pk}/edit/"
    early = client.post(url, _task_post(commune_task, due_on="2025-12-31"))
    assert "trước ngày bắt đầu của kế hoạch" in early.content.decode()
    heavy = client.post(url, _task_post(commune_task, weight="500"))
    assert heavy.status_code == 200
    assert "nhỏ hơn hoặc bằng với 100" in heavy.content.decode()
    empty = client.post(url, _task_post(commune_task, title=""))
    assert "Trường này là bắt buộc" in empty.content.decode()
    task = Task.objects.get(pk=commune_task.pk)
    assert task.due_on == dt.date(2026, 9, 30) and task.weight == 1
    assert task.version == commune_task.version


def test_a_parent_cycle_is_refused(plan: Plan, commune_task: Task, province_officer) -> None:
    child = add_task(plan, title="Đối thoại tại thôn", parent=commune_task, actor=SYSTEM)
    with pytest.raises(UserError, match="vòng lặp"):
        edit_task(commune_task, version=commune_task.version, parent=child, actor=province_officer)
    commune_task.refresh_from_db()
    assert commune_task.parent_id is None


def test_moving_a_task_under_another_rolls_progress_up(
    client: Client, plan: Plan, commune_task: Task, province_officer
) -> None:
    update_task(commune_task, version=commune_task.version, percent=50, actor=SYSTEM)
    group = add_task(plan, title="Nhóm nhiệm vụ đối thoại", actor=SYSTEM)
    commune_task.refresh_from_db()
    client.force_login(province_officer)
    response = client.post(
        f"/plans/tasks/{commune_task.pk}/edit/", _task_post(commune_task, parent=group.pk)
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.percent == 50 and group.children.get() == commune_task


def test_assigned_unit_cannot_edit_the_definition_but_still_updates_progress(
    client: Client, plan: Plan, commune_task: Task, commune_officer
) -> None:
    client.force_login(commune_officer)
    page = client.get(f"/plans/tasks/{commune_task.pk}/")
    assert page.status_code == 200
    assert f"/plans/tasks/{commune_task.pk}/edit/" not in page.content.decode()
    assert client.get(f"/plans/tasks/{commune_task.pk}/edit/").status_code == 403
    assert (
        client.post(
            f"/plans/tasks/{commune_task.pk}/edit/", _task_post(commune_task, title="Sửa lén")
        ).status_code
        == 403
    )
    assert client.post(f"/plans/tasks/{commune_task.pk}/delete/", {"version": 1}).status_code == 403
    assert (
        client.post(f"/plans/tasks/{commune_task.pk}/subtasks/add/", {"title": "x"}).status_code
        == 403
    )
    assert client.post(f"/plans/{plan.pk}/targets/add/", {"text": "x"}).status_code == 403
    assert (
        client.post(f"/plans/{plan.pk}/budget/add/", {"item": "x", "amount": "1"}).status_code
        == 403
    )
    assert Task.objects.get(pk=commune_task.pk).title == commune_task.title
    progress = client.post(
        f"/plans/tasks/{commune_task.pk}/update/",
        {"version": commune_task.version, "status": "in_progress", "percent": "30"},
        HTTP_HX_REQUEST="true",
    )
    assert progress.status_code == 200 and "30%" in progress.content.decode()


def test_outsider_gets_404_everywhere(
    client: Client, plan: Plan, commune_task: Task, outsider
) -> None:
    target = add_target(
        plan, text="100% xã tổ chức đối thoại", value=100, unit_label="%", actor=SYSTEM
    )
    line = add_budget_line(plan, item="Tập huấn", amount=1_000_000, actor=SYSTEM)
    client.force_login(outsider)
    for url in (
        f"/plans/tasks/{commune_task.pk}/edit/",
        f"/plans/{plan.pk}/targets/?add=1",
        f"/plans/{plan.pk}/budget/?edit={line.pk}",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/plans/tasks/{commune_task.pk}/delete/",
        f"/plans/tasks/{commune_task.pk}/subtasks/add/",
        f"/plans/targets/{target.pk}/",
        f"/plans/targets/{target.pk}/delete/",
        f"/plans/budget/{line.pk}/delete/",
        f"/plans/{plan.pk}/budget/add/",
    ):
        assert client.post(url, {"version": 1, "title": "x"}).status_code == 404, url
    assert Target.objects.filter(pk=target.pk).exists()
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_sub_task_added_and_deleted_but_not_a_reported_one(
    client: Client, plan: Plan, commune_task: Task, province_officer
) -> None:
    client.force_login(province_officer)
    page = client.get(f"/plans/tasks/{commune_task.pk}/")
    assert "Thêm nhiệm vụ con" in page.content.decode()
    response = client.post(
        f"/plans/tasks/{commune_task.pk}/subtasks/add/",
        {"title": "Đối thoại tại thôn Bản Giới", "due_on": "2026-06-30", "weight": "2"},
    )
    assert response.status_code == 302
    sub = Task.objects.get(parent=commune_task)
    assert sub.plan == plan and sub.weight == 2
    early = client.post(
        f"/plans/tasks/{commune_task.pk}/subtasks/add/",
        {"title": "Quá sớm", "due_on": "2025-06-30", "weight": "1"},
        follow=True,
    )
    assert "trước ngày bắt đầu của kế hoạch" in early.content.decode()
    # The parent has a sub-task: it cannot be deleted.
    refused = client.post(
        f"/plans/tasks/{commune_task.pk}/delete/", {"version": commune_task.version}, follow=True
    )
    assert "hãy xóa các nhiệm vụ con trước" in refused.content.decode()
    # A sub-task nobody reported on can; then the parent can too.
    assert (
        client.post(f"/plans/tasks/{sub.pk}/delete/", {"version": sub.version}).status_code == 302
    )
    assert not Task.objects.filter(pk=sub.pk).exists()
    commune_task.refresh_from_db()
    stale = client.post(
        f"/plans/tasks/{commune_task.pk}/delete/",
        {"version": commune_task.version - 1},
        follow=True,
    )
    assert "vừa được người khác cập nhật" in stale.content.decode()
    assert (
        client.post(
            f"/plans/tasks/{commune_task.pk}/delete/", {"version": commune_task.version}
        ).status_code
        == 302
    )
    assert not plan.tasks.exists()


def test_a_task_with_progress_updates_is_not_deleted(commune_task: Task, province_officer) -> None:
    entry = update_task(commune_task, version=commune_task.version, percent=20, actor=SYSTEM)
    with pytest.raises(UserError, match="đã có cập nhật tiến độ"):
        delete_task(commune_task, version=entry.task.version, actor=province_officer)
    assert Task.objects.filter(pk=commune_task.pk).exists()


def test_targets_entered_and_edited_inline(client: Client, plan: Plan, province_officer) -> None:
    client.force_login(province_officer)
    detail = client.get(f"/plans/{plan.pk}/").content.decode()
    assert 'id="plan-targets"' in detail and "Thêm chỉ tiêu" in detail
    opened = client.get(f"/plans/{plan.pk}/targets/?add=1", HTTP_HX_REQUEST="true")
    assert opened.status_code == 200 and "<form" in opened.content.decode()
    added = client.post(
        f"/plans/{plan.pk}/targets/add/",
        {"text": "Tổ chức lớp tập huấn", "value": "4", "unit_label": "lớp", "achieved": "1"},
        HTTP_HX_REQUEST="true",
    )
    body = added.content.decode()
    assert added.status_code == 200 and body.startswith("<section")
    assert "Tổ chức lớp tập huấn" in body and "25%" in body and "Đã thêm chỉ tiêu" in body
    target = plan.targets.get()
    edit = client.get(f"/plans/{plan.pk}/targets/?edit={target.pk}", HTTP_HX_REQUEST="true")
    assert 'value="lớp"' in edit.content.decode()
    saved = client.post(
        f"/plans/targets/{target.pk}/",
        {"text": "Tổ chức lớp tập huấn", "value": "4", "unit_label": "lớp", "achieved": "3"},
        HTTP_HX_REQUEST="true",
    )
    assert "75%" in saved.content.decode()
    negative = client.post(
        f"/plans/targets/{target.pk}/",
        {"text": "Tổ chức lớp tập huấn", "value": "-4", "unit_label": "lớp", "achieved": "3"},
        HTTP_HX_REQUEST="true",
    )
    assert "lớn hơn hoặc bằng với 0" in negative.content.decode()
    percent = client.post(
        f"/plans/targets/{target.pk}/",
        {"text": "Tỷ lệ xã đối thoại", "value": "100", "unit_label": "%", "achieved": "120"},
        HTTP_HX_REQUEST="true",
    )
    assert "không thể vượt quá 100%" in percent.content.decode()
    target.refresh_from_db()
    assert target.achieved == 3 and target.text == "Tổ chức lớp tập huấn"
    assert "75%" in client.get(f"/plans/{plan.pk}/").content.decode()
    gone = client.post(f"/plans/targets/{target.pk}/delete/", HTTP_HX_REQUEST="true")
    assert gone.status_code == 200 and not plan.targets.exists()


def test_budget_lines_with_total_and_amount_in_words(
    client: Client, plan: Plan, province_officer
) -> None:
    client.force_login(province_officer)
    first = client.post(
        f"/plans/{plan.pk}/budget/add/",
        {"item": "Tập huấn kỹ năng dân vận", "amount": "125.500.000", "source": "Ngân sách tỉnh"},
        HTTP_HX_REQUEST="true",
    )
    assert first.status_code == 200 and "125.500.000" in first.content.decode()
    client.post(
        f"/plans/{plan.pk}/budget/add/",
        {"item": "Hội nghị đối thoại", "amount": "24500000"},
        HTTP_HX_REQUEST="true",
    )
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "150.000.000" in page
    assert "Bằng chữ: Một trăm năm mươi triệu đồng." in page
    line = plan.budget_lines.get(item="Hội nghị đối thoại")
    edit = client.get(f"/plans/{plan.pk}/budget/?edit={line.pk}", HTTP_HX_REQUEST="true")
    assert 'value="24.500.000"' in edit.content.decode()
    saved = client.post(
        f"/plans/budget/{line.pk}/",
        {"item": "Hội nghị đối thoại", "amount": "74 500 000"},
        HTTP_HX_REQUEST="true",
    )
    assert "200.000.000" in saved.content.decode()
    assert "Hai trăm triệu đồng" in saved.content.decode()
    bad = client.post(
        f"/plans/budget/{line.pk}/",
        {"item": "Hội nghị đối thoại", "amount": "bảy triệu"},
        HTTP_HX_REQUEST="true",
    )
    assert "số nguyên" in bad.content.decode()
    line.refresh_from_db()
    assert line.amount == 74_500_000
    without_htmx = client.post(f"/plans/budget/{line.pk}/delete/")
    assert without_htmx.status_code == 302
    assert list(plan.budget_lines.values_list("amount", flat=True)) == [125_500_000]


def test_reminder_days_read_and_written_as_officials_write_them(tree) -> None:
    from danvan.core.errors import UserError
    from danvan.plans.forms import ReminderDaysField
    from danvan.plans.services import create_plan

    plan = create_plan(
        owner=tree.province,
        title="Kế hoạch",
        year_from=2026,
        reminder_days="7 ngày và 0 ngày",
        actor=SYSTEM,
    )
    assert plan.reminder_days == "7,0"
    assert plan.reminder_days_label == "7 ngày và 0 ngày"
    assert ReminderDaysField().prepare_value("14,7,0") == "14 ngày, 7 ngày và 0 ngày"
    with pytest.raises(UserError, match="7 ngày và 0 ngày"):
        create_plan(
            owner=tree.province, title="Kế hoạch", year_from=2026, reminder_days="bảy", actor=SYSTEM
        )


def test_saving_unchanged_progress_adds_no_history_line(tree) -> None:
    from danvan.core.errors import UserError
    from danvan.plans.models import TaskUpdate
    from danvan.plans.services import add_task, create_plan, update_task

    plan = create_plan(owner=tree.province, title="Kế hoạch", year_from=2026, actor=SYSTEM)
    task = add_task(plan, title="Đối thoại", lead_unit=tree.commune, actor=SYSTEM)
    update_task(task, version=task.version, percent=40, note="Đợt 1", actor=SYSTEM)
    version = task.version
    with pytest.raises(UserError, match="Không có gì thay đổi"):
        update_task(
            task, version=version, percent=40, status="in_progress", evidence=None, actor=SYSTEM
        )
    task.refresh_from_db()
    assert task.version == version and TaskUpdate.objects.filter(task=task).count() == 1
    # A note alone is news for the timeline.
    update_task(task, version=version, note="Đã họp với thôn", actor=SYSTEM)
    assert TaskUpdate.objects.filter(task=task).count() == 2


def test_weekly_tasks_read_from_documents_and_fall_due_every_week(tree) -> None:
    import datetime as dt

    from danvan.core.audit import SYSTEM
    from danvan.core.errors import UserError
    from danvan.plans.importing import weekly
    from danvan.plans.obligations import occurrences
    from danvan.plans.services import add_task, create_plan

    assert weekly("Chủ tịch UBND xã tiếp công dân định kỳ vào Thứ Năm hằng tuần.") == {
        "recurrence": "weekly",
        "recur_day": 4,
    }
    assert weekly("Tổ chức tiếp công dân hàng tuần theo lịch.") == {
        "recurrence": "weekly",
        "recur_day": None,
    }
    assert weekly("Báo cáo định kỳ 6 tháng") == {}
    plan = create_plan(owner=tree.province, title="Kế hoạch", year_from=2026, actor=SYSTEM)
    task = add_task(
        plan,
        title="Tiếp công dân định kỳ",
        lead_unit=tree.commune,
        recurrence="weekly",
        recur_day=4,
        actor=SYSTEM,
    )
    dates = occurrences(task)
    assert len(dates) == 53 and dates[0] == dt.date(2026, 1, 1)  # 1/1/2026 is a Thursday
    assert all(d.isoweekday() == 4 for d in dates)
    assert task.recurrence_label == "Hằng tuần, vào Thứ Năm"
    with pytest.raises(UserError, match="Thứ Hai"):
        add_task(plan, title="Sai", recurrence="weekly", recur_day=9, actor=SYSTEM)
