"""Recording dialogues and following up their actions, as the services enforce it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.models import User
from danvan.core.errors import StaleVersion, UserError
from danvan.dialogues.models import FollowUpAction, FollowUpStatus, FollowUpUpdate
from danvan.dialogues.services import (
    add_follow_up,
    create_dialogue,
    update_follow_up,
)
from danvan.testing.fixtures import Tree, official

from .support import TODAY, make_dialogue, make_follow_up

pytestmark = pytest.mark.django_db


def _record(actor: User, tree: Tree, **kw: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {
        "held_on": dt.date(2026, 11, 2),
        "place": "Nhà văn hóa xóm",
        "topic": "Đường vào trường học",
        "chaired_by": "Chủ tịch UBND xã",
        "kind": "ad_hoc",
        "citizens_count": 30,
    }
    fields.update(kw)
    return create_dialogue(tree.commune, today=TODAY, **fields, actor=actor)  # type: ignore[arg-type]


def test_a_dialogue_is_recorded_with_participants_and_conclusions(
    tree: Tree, commune_officer: User
) -> None:
    dialogue = _record(
        commune_officer,
        tree,
        participants=[{"kind": "citizen", "name": "Hoàng Thị B", "position": "xóm Nà Pò"}],
        conclusions=["Khảo sát tuyến đường", "", "Báo cáo Chủ tịch"],
    )
    assert [c.text for c in dialogue.conclusions.all()] == [
        "Khảo sát tuyến đường",
        "Báo cáo Chủ tịch",
    ]
    assert dialogue.participants.get().name == "Hoàng Thị B"
    assert dialogue.created_by == commune_officer


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"held_on": dt.date(2026, 11, 21)}, "tương lai"),
        ({"topic": "  "}, "Thiếu nội dung, chủ đề"),
        ({"place": ""}, "Thiếu địa điểm"),
        ({"chaired_by": None}, "Thiếu người chủ trì"),
        ({"kind": "weekly"}, "Hình thức đối thoại không hợp lệ"),
        ({"citizens_count": -3}, "không âm"),
        ({"participants": [{"kind": "citizen", "name": " "}]}, "Thiếu họ tên"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(
    tree: Tree, commune_officer: User, change: dict[str, object], message: str
) -> None:
    with pytest.raises(UserError, match=message):
        _record(commune_officer, tree, **change)
    assert not tree.commune.dialogues.exists()


def test_minutes_of_a_forbidden_type_or_size_are_refused(
    tree: Tree, commune_officer: User, settings: object
) -> None:
    exe = SimpleUploadedFile("bien-ban.exe", b"MZ...")
    with pytest.raises(
        UserError, match="Không nhận biên bản «bien-ban.exe»: định dạng không được chấp nhận"
    ):
        _record(commune_officer, tree, minutes=exe)
    big = SimpleUploadedFile("bien-ban.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(UserError, match="tối đa 20 MB"):
        _record(commune_officer, tree, minutes=big)
    assert not tree.commune.dialogues.exists()


def test_someone_without_the_right_cannot_record(tree: Tree, outsider: User) -> None:
    with pytest.raises(PermissionDenied):
        _record(outsider, tree)
    viewer = official("viewer", tree.commune)
    with pytest.raises(PermissionDenied):
        _record(viewer, tree)


def test_overdue_is_derived_from_the_dates_on_both_sides(tree: Tree) -> None:
    dialogue = make_dialogue(tree.commune)
    due_today = make_follow_up(dialogue, due_on=TODAY)
    due_yesterday = make_follow_up(dialogue, due_on=TODAY - dt.timedelta(days=1))
    done_late = make_follow_up(
        dialogue, due_on=TODAY - dt.timedelta(days=30), status=FollowUpStatus.DONE
    )
    assert not due_today.is_overdue(TODAY)
    assert due_yesterday.is_overdue(TODAY)
    assert not done_late.is_overdue(TODAY)
    rows = FollowUpAction.objects.with_overdue(TODAY).values_list("pk", "overdue")  # type: ignore[misc]
    annotated = dict(rows)
    assert annotated == {due_today.pk: False, due_yesterday.pk: True, done_late.pk: False}
    assert list(FollowUpAction.objects.overdue(TODAY)) == [due_yesterday]
    # Tomorrow the one due today is late too, without anything being written.
    assert due_today.is_overdue(TODAY + dt.timedelta(days=1))


def test_follow_up_is_assigned_and_reported_on(tree: Tree, commune_officer: User) -> None:
    dialogue = make_dialogue(tree.commune)
    action = add_follow_up(
        dialogue,
        title="Sửa cầu treo",
        responsible_unit=tree.commune,
        supporting_units=[tree.village, tree.commune],
        due_on=dt.date(2026, 12, 15),
        actor=commune_officer,
    )
    assert list(action.supporting_units.all()) == [tree.village]
    update_follow_up(
        action, version=1, percent=40, note="Đã khảo sát", today=TODAY, actor=commune_officer
    )
    assert (action.status, action.percent, action.version) == ("in_progress", 40, 2)
    update_follow_up(action, version=2, status="done", today=TODAY, actor=commune_officer)
    action.refresh_from_db()
    assert (action.status, action.percent, action.completed_on) == ("done", 100, TODAY)
    timeline = list(action.updates.values_list("status", "percent", "note"))
    assert timeline == [("in_progress", 40, "Đã khảo sát"), ("done", 100, "")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "Thiếu nội dung việc cần làm"),
        ({"responsible_unit": None}, "Thiếu đơn vị chủ trì"),
        ({"due_on": None}, "Thiếu hạn hoàn thành"),
        ({"due_on": dt.date(2026, 9, 1)}, "không được trước ngày đối thoại"),
    ],
)
def test_bad_follow_up_is_refused(
    tree: Tree, commune_officer: User, fields: dict[str, object], message: str
) -> None:
    dialogue = make_dialogue(tree.commune)
    data: dict[str, object] = {
        "title": "Sửa cầu",
        "responsible_unit": tree.commune,
        "due_on": dt.date(2026, 12, 1),
    }
    data.update(fields)
    with pytest.raises(UserError, match=message):
        add_follow_up(dialogue, **data, actor=commune_officer)  # type: ignore[arg-type]
    assert not dialogue.follow_ups.exists()


def test_a_stale_version_is_refused_and_changes_nothing(tree: Tree, commune_officer: User) -> None:
    action = make_follow_up(make_dialogue(tree.commune))
    colleague = official("leader", tree.commune)
    first_read = FollowUpAction.objects.get(pk=action.pk)
    second_read = FollowUpAction.objects.get(pk=action.pk)
    update_follow_up(first_read, version=first_read.version, percent=50, actor=commune_officer)
    with pytest.raises(StaleVersion, match="vừa được người khác cập nhật"):
        update_follow_up(second_read, version=second_read.version, percent=10, actor=colleague)
    action.refresh_from_db()
    assert (action.percent, action.version) == (50, 2)
    assert FollowUpUpdate.objects.filter(action=action).count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"version": None}, "Thiếu phiên bản"),
        ({"version": 1, "percent": 120}, "từ 0 đến 100"),
        ({"version": 1, "status": "paused"}, "Trạng thái không hợp lệ"),
    ],
)
def test_bad_progress_is_refused(
    tree: Tree, commune_officer: User, fields: dict[str, object], message: str
) -> None:
    action = make_follow_up(make_dialogue(tree.commune))
    with pytest.raises(UserError, match=message):
        update_follow_up(action, **fields, actor=commune_officer)  # type: ignore[arg-type]
    action.refresh_from_db()
    assert action.version == 1 and not action.updates.exists()


def test_the_responsible_unit_updates_but_cannot_move_the_due_date(tree: Tree) -> None:
    """A follow-up of the province's dialogue given to the commune: the commune reports on it."""
    province_leader = official("leader", tree.province)
    dialogue = make_dialogue(tree.province)
    action = add_follow_up(
        dialogue,
        title="Giải quyết kiến nghị về nước sạch",
        responsible_unit=tree.commune,
        due_on=dt.date(2026, 12, 1),
        actor=province_leader,
    )
    commune_officer = official("officer", tree.commune)
    other_commune_officer = official("officer", tree.other_commune)
    update_follow_up(action, version=1, percent=30, actor=commune_officer)
    with pytest.raises(UserError, match="Chỉ đơn vị tổ chức đối thoại"):
        update_follow_up(action, version=2, due_on=dt.date(2027, 1, 1), actor=commune_officer)
    with pytest.raises(PermissionDenied):
        update_follow_up(action, version=2, percent=90, actor=other_commune_officer)
    update_follow_up(action, version=2, due_on=dt.date(2027, 1, 1), actor=province_leader)
    action.refresh_from_db()
    assert (action.percent, action.due_on, action.version) == (30, dt.date(2027, 1, 1), 3)


def test_follow_up_updates_are_audited(tree: Tree, commune_officer: User) -> None:
    from danvan.core.audit import history_of

    action = make_follow_up(make_dialogue(tree.commune))
    update_follow_up(action, version=1, percent=20, actor=commune_officer)
    entry = history_of(action).first()
    assert entry is not None and entry.actor == commune_officer
    assert entry.changes_dict["percent"] == ["0", "20"]
